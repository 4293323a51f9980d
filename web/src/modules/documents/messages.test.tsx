// @vitest-environment happy-dom
import { screen } from '@testing-library/dom';
import { translator, type Message } from '@cellgraph/kernel/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { setReader } from '../../app/i18n';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { m } from './messages';
import { moduleMessages } from './moduleMessages';
import { formatLocalDate, startOfDay, StatusBadge, statusLabel, typeLabel } from './shared';

afterEach(() => {
  unmountAll();
  setReader('en-US', 'UTC');
});

/** The names of a message's arguments (`{name}`, `{count, plural, …}`). */
const argumentsOf = (text: string) => new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((match) => match[1]));

describe('the documents catalogs', () => {
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
    expect(typeLabel('SOW')).toBe('Leistungsbeschreibung');
    expect(statusLabel('CLIENT_REVIEW')).toBe('Kundenprüfung');
    expect(formatLocalDate('2026-11-22')).toBe('22.11.2026');
    const reader = translator('de-DE');
    expect(reader.t(m.unsavedMarks, { insertions: 1, deletions: 2 })).toBe('Nicht gespeichert: 1 Einfügung, 2 Löschungen');
    expect(reader.t(m.stepActionOptional, { order: 2, action: reader.t(m.signOff) })).toBe('2. Abzeichnen (optional)');
    setReader('en-US', 'Pacific/Kiritimati');
    expect(formatLocalDate('2026-11-22')).toBe('Nov 22, 2026');
    expect(translator('en-US').t(m.unsavedMarks, { insertions: 1, deletions: 2 })).toBe('Unsaved: 1 insertion, 2 deletions');
    expect(startOfDay('2026-11-22')).toBe('2026-11-21T10:00:00.000Z');
    setReader('de-DE', 'Europe/Berlin');
    expect([startOfDay('2026-01-15'), startOfDay('2026-07-15')]).toEqual(['2026-01-14T23:00:00.000Z', '2026-07-14T22:00:00.000Z']);
  });

  it('renders a badge again in the new language when the reader switches', async () => {
    renderWithApollo(<StatusBadge status="SIGNED" />, []);
    await screen.findByText('Signed');
    setReader('de', 'UTC');
    await screen.findByText('Unterschrieben');
  });
});
