// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { activeTranslator, setReader } from '../../app/i18n';
import type { CrmNewContactsQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { DealsForecastWidget, NewContactsWidget } from './AnalyticsWidgets';
import { formatMoney } from './money';
import { CrmDealsForecastQuery, CrmNewContactsQuery } from './operations';
import { m } from './messages';
import { enumLabel, formatLocalDate, translateWithNodes } from './shared';

const browserTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

afterEach(() => {
  unmountAll();
  setReader('en-US', browserTimeZone);
});

describe('the CRM in the reader’s language, locale and time zone', () => {
  it('writes money, calendar dates and enumerations as the reader does', () => {
    setReader('de-DE', 'Europe/Berlin');
    expect(formatMoney({ amount: '1234.5', currencyCode: 'EUR' })).toBe('1.234,50\u00a0€');
    expect(formatLocalDate('2026-11-22')).toBe('22.11.2026');
    const reader = activeTranslator();
    expect(enumLabel(reader.t.bind(reader), 'COLD_OUTREACH')).toBe('Kaltakquise');
    setReader('en-US', 'Pacific/Auckland');
    // A calendar date is never shifted by the reader's time zone.
    expect(formatLocalDate('2026-11-22')).toBe('Nov 22, 2026');
  });

  it('puts links and amounts where each language’s sentence has them', async () => {
    const sentence = async (locale: string) => {
      setReader(locale, 'UTC');
      const reader = activeTranslator();
      renderWithApollo(<p>{translateWithNodes(reader.t.bind(reader), m.logOnProfile, {}, { contact: <a href="/crm/contacts/1">Ada</a> })}</p>, []);
      const link = await screen.findByRole('link', { name: 'Ada' });
      return link.closest('p')!.textContent;
    };
    expect(await sentence('en-US')).toBe('None yet. Log them on Ada’s profile.');
    unmountAll();
    expect(await sentence('de-DE')).toBe('Noch keine. Protokollieren Sie sie im Profil von Ada.');
  });

  it('draws the home widgets in German, with the reader’s weeks', async () => {
    setReader('de-DE', 'Europe/Berlin');
    renderWithApollo(<DealsForecastWidget />, [
      {
        request: { query: CrmDealsForecastQuery },
        result: {
          data: {
            __typename: 'Query',
            dealAnalytics: {
              __typename: 'DealAnalytics',
              amount: [{ __typename: 'AnalyticsGroup', key: 'USD', count: 3, sum: '4500.5' }],
              weighted: [{ __typename: 'AnalyticsGroup', key: 'USD', sum: '1850.25' }],
            },
          },
        },
      },
    ]);
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Währung', 'Offene Deals', 'Pipeline', 'Gewichtet']);
    expect([...within(table).getAllByRole('row')[1]!.children].map((cell) => cell.textContent)).toEqual(['USD', '3', '4.500,50\u00a0$', '1.850,25\u00a0$']);
    unmountAll();

    const calls: CrmNewContactsQueryVariables[] = [];
    renderWithApollo(<NewContactsWidget />, [
      {
        request: {
          query: CrmNewContactsQuery,
          variables: (variables: CrmNewContactsQueryVariables) => {
            calls.push(variables);
            return true;
          },
        },
        result: {
          data: {
            __typename: 'Query',
            contactAnalytics: {
              __typename: 'ContactAnalytics',
              timeSeries: [{ __typename: 'AnalyticsBucket', start: '2026-11-29T23:00:00.000Z', count: 1 }],
            },
          },
        },
      },
    ]);
    await screen.findByText('1 neuer Kontakt in 8 Wochen');
    const { from, to, timeZone } = calls[0]!;
    expect(timeZone).toBe('Europe/Berlin');
    // Both ends are a Monday's midnight in Berlin.
    for (const end of [from, to]) {
      const berlin = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
      expect(berlin.format(new Date(end))).toBe('Mon 00:00');
    }
  });
});
