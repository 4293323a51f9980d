import { describe, expect, it } from 'vitest';
import { formatAxisMoney, monthLabels, percentOf, profitAndLossOf, reportCurrencies, revenueByMonth, signOf, sumAmounts, type Reports } from './reportFigures';

const money = (amount: string, currencyCode: string) => ({ __typename: 'Money' as const, amount, currencyCode });
const reports: Reports = {
  __typename: 'Query',
  financeRevenue: [
    {
      __typename: 'FinanceRevenueMonth',
      month: '2026-01-01',
      currencyCode: 'JPY',
      invoiced: money('5000', 'JPY'),
      invoiceCount: 1,
      collected: money('0', 'JPY'),
    },
    {
      __typename: 'FinanceRevenueMonth',
      month: '2026-03-01',
      currencyCode: 'EUR',
      invoiced: money('0.10', 'EUR'),
      invoiceCount: 1,
      collected: money('0.20', 'EUR'),
    },
  ],
  financeArAging: [],
  financeExpensesByCategory: [{ __typename: 'FinanceExpenseCategory', category: 'MEALS', currencyCode: 'USD', amount: money('12.00', 'USD'), expenseCount: 1 }],
  financeProfitAndLoss: [
    { __typename: 'FinanceProfitAndLoss', currencyCode: 'EUR', revenue: money('0.20', 'EUR'), expenses: money('0.50', 'EUR'), net: money('-0.30', 'EUR') },
  ],
};

describe('the reports’ figures', () => {
  it('lists the currencies in the order the answers first mention them', () => {
    expect(reportCurrencies(reports)).toEqual(['JPY', 'EUR', 'USD']);
  });

  it('fills the months without invoices or cash with zeros in the currency’s minor units', () => {
    expect(revenueByMonth(reports, 'EUR', ['2026-02-01', '2026-03-01'])).toEqual([
      { month: '2026-02-01', invoiced: '0.00', collected: '0.00', invoiceCount: 0 },
      { month: '2026-03-01', invoiced: '0.10', collected: '0.20', invoiceCount: 1 },
    ]);
    expect(revenueByMonth(reports, 'JPY', ['2026-02-01'])[0]!.invoiced).toBe('0');
    expect(profitAndLossOf(reports, 'USD')).toEqual({ revenue: '0.00', expenses: '0.00', net: '0.00' });
  });

  it('adds amounts exactly and reads their sign', () => {
    expect(sumAmounts(['0.10', '0.20'], 'EUR')).toBe('0.30');
    expect(sumAmounts(['9007199254740993.01', '0.01'], 'USD')).toBe('9007199254740993.02');
    expect(sumAmounts([], 'JPY')).toBe('0');
    expect([signOf('-0.30'), signOf('0.00'), signOf('0.01')]).toEqual([-1, 0, 1]);
  });

  it('gives shares as whole percentages, rounded half up, exactly', () => {
    expect(percentOf('1000.45', '1800.45')).toBe(56);
    expect(percentOf('800.00', '1800.45')).toBe(44);
    expect(percentOf('1', '8')).toBe(13); // 12.5 → 13
    expect(percentOf('5', '0.00')).toBeNull();
  });

  it('writes axis ticks short and months in words, whatever the time zone', () => {
    expect([10_000, 2500, 0, -2000].map((tick) => formatAxisMoney(tick, 'EUR'))).toEqual(['€10K', '€2.5K', '€0', '-€2K']);
    expect(monthLabels('2026-03-01', false)).toEqual({ short: 'Mar', long: 'March 2026' });
    expect(monthLabels('2025-12-01', true).short).toBe('Dec 25');
  });
});
