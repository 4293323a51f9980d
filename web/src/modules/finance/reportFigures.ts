import { activeTranslator } from '../../app/i18n';
import type { ExpenseCategory, FinanceReportsQuery } from '../../gql/graphql';
import { formatDecimal, parseDecimal, sumDecimals } from '../crm/decimal';
import { minorDigits } from '../crm/money';
import { m } from './messages';

/*
 * The reports page's figures for one currency, from the API's answers. Amounts stay the API's exact
 * decimal strings: totals are summed exactly (BigInt decimals) and only bar geometry uses numbers.
 */

export type Reports = FinanceReportsQuery;

/** The currencies the answers mention, in the order they first appear (revenue, then P&L, expenses, receivables). */
export function reportCurrencies(reports: Reports): string[] {
  const seen = new Set<string>();
  for (const rows of [reports.financeRevenue, reports.financeProfitAndLoss, reports.financeExpensesByCategory, reports.financeArAging])
    for (const row of rows ?? []) seen.add(row.currencyCode);
  return [...seen];
}

/** Nothing to report at all: no invoices, cash, expenses or receivables in any currency. */
export const isEmptyReport = (reports: Reports): boolean => reportCurrencies(reports).length === 0;

/** Zero in a currency, as the API writes it ("0.00", "0" in JPY). */
export const zero = (currencyCode: string): string => formatDecimal({ units: 0n, scale: 0 }, minorDigits(currencyCode));

/** Σ of amounts in one currency, exact, with the currency's minor digits. */
export const sumAmounts = (amounts: readonly string[], currencyCode: string): string => formatDecimal(sumDecimals(amounts), minorDigits(currencyCode));

/** −1, 0 or 1: the sign of an exact amount. */
export function signOf(amount: string): -1 | 0 | 1 {
  const { units } = parseDecimal(amount);
  return units < 0n ? -1 : units > 0n ? 1 : 0;
}

/** `part` as a whole percentage of `whole` (both exact amounts), rounded half up; null when the whole is not positive. */
export function percentOf(part: string, whole: string): number | null {
  const a = parseDecimal(part);
  const b = parseDecimal(whole);
  const scale = Math.max(a.scale, b.scale);
  const numerator = a.units * 10n ** BigInt(scale - a.scale) * 100n;
  const denominator = b.units * 10n ** BigInt(scale - b.scale);
  if (denominator <= 0n) return null;
  const sign = numerator < 0n ? -1n : 1n;
  return Number((sign * (2n * sign * numerator + denominator)) / (2n * denominator));
}

export interface RevenueMonth {
  month: string;
  invoiced: string;
  collected: string;
  invoiceCount: number;
}

/** Every month of the period in one currency, months without invoices or cash at zero. */
export function revenueByMonth(reports: Reports, currencyCode: string, months: readonly string[]): RevenueMonth[] {
  const rows = new Map((reports.financeRevenue ?? []).filter((row) => row.currencyCode === currencyCode).map((row) => [row.month, row]));
  return months.map((month) => {
    const row = rows.get(month);
    return row
      ? { month, invoiced: row.invoiced.amount, collected: row.collected.amount, invoiceCount: row.invoiceCount }
      : { month, invoiced: zero(currencyCode), collected: zero(currencyCode), invoiceCount: 0 };
  });
}

/** Whether the currency had invoices or cash in the period. */
export const hasRevenue = (reports: Reports, currencyCode: string): boolean => (reports.financeRevenue ?? []).some((row) => row.currencyCode === currencyCode);

export const AGING_BUCKETS = [
  { key: 'current', label: m.agingCurrent },
  { key: 'days1To30', label: m.aging1To30 },
  { key: 'days31To60', label: m.aging31To60 },
  { key: 'days61To90', label: m.aging61To90 },
  { key: 'over90', label: m.agingOver90 },
] as const;

export type Aging = NonNullable<Reports['financeArAging']>[number];
export const agingOf = (reports: Reports, currencyCode: string): Aging | null =>
  reports.financeArAging?.find((row) => row.currencyCode === currencyCode) ?? null;

export type ExpenseSlice = NonNullable<Reports['financeExpensesByCategory']>[number];
export const expensesOf = (reports: Reports, currencyCode: string): ExpenseSlice[] =>
  (reports.financeExpensesByCategory ?? []).filter((row) => row.currencyCode === currencyCode);

/** Profit and loss in one currency; all zero when the period had neither cash nor expenses in it. */
export function profitAndLossOf(reports: Reports, currencyCode: string): { revenue: string; expenses: string; net: string } {
  const row = reports.financeProfitAndLoss?.find((entry) => entry.currencyCode === currencyCode);
  return row
    ? { revenue: row.revenue.amount, expenses: row.expenses.amount, net: row.net.amount }
    : { revenue: zero(currencyCode), expenses: zero(currencyCode), net: zero(currencyCode) };
}

/** Each expense category's colour (a `chart-tone-*`), fixed so a category keeps its colour across periods. */
export const CATEGORY_TONES: Record<ExpenseCategory, number> = { SOFTWARE: 1, TRAVEL: 6, OFFICE: 3, MEALS: 4, EQUIPMENT: 2, OTHER: 7 };

/** "2026-03-01" → "Mar" (or "Mar 26" when the period spans years) and "March 2026" in the reader's locale, whatever their time zone. */
export function monthLabels(month: string, withYear: boolean, locale: string = activeTranslator().locale): { short: string; long: string } {
  const [year, index] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year!, index! - 1, 1));
  return {
    short: date.toLocaleDateString(locale, { month: 'short', ...(withYear ? { year: '2-digit' } : {}), timeZone: 'UTC' }),
    long: date.toLocaleDateString(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  };
}

/** An axis tick in the currency, short ("$25K"): ticks are round, the exact figures are in tooltips and the table. */
export function formatAxisMoney(value: number, currencyCode: string, locale: string = activeTranslator().locale): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currencyCode,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    return `${value} ${currencyCode}`;
  }
}
