// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmNewContactsQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { DealsForecastWidget, NewContactsWidget } from './AnalyticsWidgets';
import { CrmDealsForecastQuery, CrmNewContactsQuery } from './operations';

afterEach(() => unmountAll());

describe('the home page’s CRM widgets', () => {
  it('show the open pipeline per currency, weighted by probability', async () => {
    const group = (key: string, count: number, sum: string) => ({ __typename: 'AnalyticsGroup' as const, key, count, sum });
    renderWithApollo(<DealsForecastWidget />, [
      {
        request: { query: CrmDealsForecastQuery },
        result: {
          data: {
            __typename: 'Query',
            dealAnalytics: {
              __typename: 'DealAnalytics',
              amount: [group('USD', 3, '4500.5'), group('EUR', 1, '300')],
              weighted: [
                { __typename: 'AnalyticsGroup', key: 'USD', sum: '1850.25' },
                { __typename: 'AnalyticsGroup', key: 'EUR', sum: '210' },
              ],
            },
          },
        },
      },
    ]);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['USD', '3', '$4,500.50', '$1,850.25'],
      ['EUR', '1', '€300.00', '€210.00'],
    ]);
  });

  it('ask for the last eight weeks from a Monday in the browser’s time zone and draw one bar per week', async () => {
    const calls: CrmNewContactsQueryVariables[] = [];
    const week = (start: string, count: number) => ({ __typename: 'AnalyticsBucket' as const, start, count });
    const weeks = Array.from({ length: 8 }, (_, index) => week(new Date(Date.UTC(2026, 0, 5 + 7 * index)).toISOString(), index % 3));
    renderWithApollo(<NewContactsWidget />, [
      {
        request: {
          query: CrmNewContactsQuery,
          variables: (variables: CrmNewContactsQueryVariables) => {
            calls.push(variables);
            return true;
          },
        },
        result: { data: { __typename: 'Query', contactAnalytics: { __typename: 'ContactAnalytics', timeSeries: weeks } } },
      },
    ]);
    await screen.findByText('7 new contacts in 8 weeks');
    const { from, to, timeZone } = calls[0]!;
    expect(timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(new Date(from).getDay()).toBe(1);
    expect((new Date(to).getTime() - new Date(from).getTime()) / 86_400_000).toBeCloseTo(56, 0);
    expect(new Date(to).getTime()).toBeGreaterThan(Date.now());
    expect(document.querySelectorAll('rect.chart-bar')).toHaveLength(8);
  });
});
