// @vitest-environment happy-dom
import { screen } from '@testing-library/dom';
import { translator, type Message } from '@cellgraph/kernel/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { setReader } from '../../app/i18n';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FinanceTabs } from './FinanceTabs';
import { m } from './messages';
import { moduleMessages } from './moduleMessages';
import { formatLocalDate, moneyText, statusLabel, today } from './shared';

afterEach(() => {
  unmountAll();
  setReader('en-US', 'UTC');
});

/** The names of a message's arguments (`{name}`, `{count, plural, …}`). */
const argumentsOf = (text: string) => new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((match) => match[1]));

describe('the finance catalogs', () => {
  const messages: Message[] = [...Object.values(m), ...Object.values(moduleMessages)];

  it('have the same arguments in German as in English, and both parse', () => {
    const broken = '\u0000broken';
    for (const message of messages) {
      const names = argumentsOf(message.translations.en);
      expect(argumentsOf(message.translations.de), message.id).toEqual(names);
      const values = Object.fromEntries([...names].map((name) => [name, 2]));
      expect(() => translator('en-US').t(message, values), message.id).not.toThrow();
      // A German text that does not parse falls back to English: a probe whose English is a marker shows it.
      const probe = { id: `probe.${message.id}`, translations: { en: broken, de: message.translations.de } };
      expect(translator('de-DE').t(probe, values), message.id).not.toBe(broken);
    }
  });

  it('speak the reader’s language and formats', () => {
    setReader('de-DE', 'Europe/Berlin');
    expect(statusLabel('PARTIALLY_PAID')).toBe('Teilweise bezahlt');
    expect(formatLocalDate('2026-03-01')).toBe('01.03.2026');
    expect(moneyText({ amount: '1234.5', currencyCode: 'EUR' })).toBe('1.234,50\u00a0€');
    expect(translator('de-DE').t(m.invoicesIssued, { count: 1 })).toBe('1 Rechnung ausgestellt');
    setReader('en-US', 'Pacific/Kiritimati');
    expect(formatLocalDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(moneyText({ amount: '0.1250', currencyCode: 'USD' })).toBe('$0.1250');
    expect(translator('en-US').t(m.invoicesIssued, { count: 2 })).toBe('2 invoices issued');
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('renders again in the new language when the reader switches', async () => {
    renderWithApollo(<FinanceTabs />, [], '/finance/invoices');
    await screen.findByRole('link', { name: 'Expenses' });
    setReader('de-AT', 'Europe/Vienna');
    await screen.findByRole('link', { name: 'Ausgaben' });
    expect(screen.getByRole('navigation', { name: 'Finanzen' })).toBeTruthy();
  });
});
