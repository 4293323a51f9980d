// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FinanceReportsQuery, FinanceReportsQueryVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FinanceReportsQuery as ReportsQuery } from './operations';
import { ReportsPage } from './ReportsPage';

afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

const money = (amount: string, currencyCode = 'EUR') => ({ __typename: 'Money' as const, amount, currencyCode });
const month = (value: string, currencyCode: string, invoiced: string, invoiceCount: number, collected: string) => ({
  __typename: 'FinanceRevenueMonth' as const,
  month: value,
  currencyCode,
  invoiced: money(invoiced, currencyCode),
  invoiceCount,
  collected: money(collected, currencyCode),
});

/** A first quarter in euros (a loss) with a little in dollars (a profit). */
const QUARTER: FinanceReportsQuery = {
  __typename: 'Query',
  financeRevenue: [
    month('2026-01-01', 'EUR', '1200.00', 2, '0.00'),
    month('2026-02-01', 'USD', '99.99', 1, '99.99'),
    month('2026-03-01', 'EUR', '300.10', 1, '1500.20'),
  ],
  financeArAging: [
    {
      __typename: 'FinanceArAging',
      currencyCode: 'EUR',
      current: money('100.00'),
      days1To30: money('50.00'),
      days31To60: money('0.00'),
      days61To90: money('0.00'),
      over90: money('0.10'),
      total: money('150.10'),
      invoiceCount: 3,
    },
  ],
  financeExpensesByCategory: [
    { __typename: 'FinanceExpenseCategory', category: 'SOFTWARE', currencyCode: 'EUR', amount: money('800.00'), expenseCount: 1 },
    { __typename: 'FinanceExpenseCategory', category: 'TRAVEL', currencyCode: 'EUR', amount: money('1000.45'), expenseCount: 3 },
  ],
  financeProfitAndLoss: [
    { __typename: 'FinanceProfitAndLoss', currencyCode: 'EUR', revenue: money('1500.20'), expenses: money('1800.45'), net: money('-300.25') },
    { __typename: 'FinanceProfitAndLoss', currencyCode: 'USD', revenue: money('99.99', 'USD'), expenses: money('0.00', 'USD'), net: money('99.99', 'USD') },
  ],
};

const NOTHING: FinanceReportsQuery = { __typename: 'Query', financeRevenue: [], financeArAging: [], financeExpensesByCategory: [], financeProfitAndLoss: [] };

function reportsMock(calls: FinanceReportsQueryVariables[], answer: FinanceReportsQuery | GraphQLError) {
  return {
    request: {
      query: ReportsQuery,
      variables: (variables: FinanceReportsQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: answer instanceof GraphQLError ? { errors: [answer] } : { data: answer },
  };
}

const FIRST_QUARTER = '/finance/reports?from=2026-01-01&to=2026-03-31';
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('the reports page', () => {
  it('draws the quarter’s revenue by month, receivables, expenses and the loss, with the exact figures in tables', async () => {
    const calls: FinanceReportsQueryVariables[] = [];
    const container = renderWithApollo(<ReportsPage />, [reportsMock(calls, QUARTER)], FIRST_QUARTER);

    const revenue = await screen.findByRole('table', { name: 'Revenue by month' });
    expect(calls[0]).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(calls[0]!.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // EUR first (the first currency the answers mention), every month of the period, February at zero.
    expect((screen.getByLabelText('Currency') as HTMLSelectElement).value).toBe('EUR');
    const rows = within(revenue).getAllByRole('row');
    expect(rows.map((row) => within(row).queryByRole('rowheader')?.textContent)).toEqual([undefined, 'January 2026', 'February 2026', 'March 2026', 'Total']);
    expect(cells(rows[1]!)).toEqual(['€1,200.00', '€0.00', '2']);
    expect(cells(rows[2]!)).toEqual(['€0.00', '€0.00', '0']);
    expect(cells(rows[3]!)).toEqual(['€300.10', '€1,500.20', '1']);
    expect(cells(rows[4]!)).toEqual(['€1,500.10', '€1,500.20', '3']);

    // Two bars (invoiced, collected) per month, labelled on the axis, each with its tooltip.
    const chart = screen.getByRole('region', { name: 'Revenue by month' });
    const bars = [...chart.querySelectorAll('rect.chart-bar')];
    expect(bars).toHaveLength(6);
    expect(bars.map((bar) => bar.getAttribute('data-series'))).toEqual(['invoiced', 'collected', 'invoiced', 'collected', 'invoiced', 'collected']);
    expect(bars.map((bar) => bar.querySelector('title')?.textContent)).toContain('March 2026 · Collected: €1,500.20');
    expect([...chart.querySelectorAll('.chart-axis-label')].map((label) => label.textContent)).toEqual(['Jan', 'Feb', 'Mar']);
    // The tallest bar is the largest figure; February's are flat.
    const height = (index: number) => Number(bars[index]!.getAttribute('height'));
    expect(height(5)).toBeGreaterThan(height(0));
    expect(height(2) + height(3)).toBe(0);
    // The drawing and its legend are hidden from assistive technology (the table says it all).
    expect([...chart.querySelectorAll('.chart-legend li')].map((item) => item.textContent)).toEqual(['Invoiced', 'Collected']);

    // Profit and loss: a loss, signed and coloured.
    const pnl = screen.getByRole('region', { name: 'Profit and loss' });
    expect(within(pnl).getByText('Loss')).toBeTruthy();
    expect(within(pnl).getByText('-€300.25')).toBeTruthy();
    expect(pnl.querySelector('.fin-loss')).toBeTruthy();

    // Receivables: one bar per bucket, and the total.
    const aging = screen.getByRole('region', { name: 'Receivables by age' });
    expect(aging.querySelectorAll('rect.chart-bar')).toHaveLength(5);
    const agingRows = within(within(aging).getByRole('table')).getAllByRole('row');
    expect(agingRows.slice(1).map((row) => [within(row).getByRole('rowheader').textContent, ...cells(row)])).toEqual([
      ['Current', '€100.00'],
      ['1–30 days', '€50.00'],
      ['31–60 days', '€0.00'],
      ['61–90 days', '€0.00'],
      ['90+ days', '€0.10'],
      ['Total', '€150.10'],
    ]);
    expect(aging.textContent).toContain('€150.10 due on 3 open invoices');

    // Expenses: a slice and a legend entry per category, shares exact, the total summed exactly.
    const expenses = screen.getByRole('region', { name: 'Expenses by category' });
    expect(expenses.querySelectorAll('path.chart-slice')).toHaveLength(2);
    expect([...expenses.querySelectorAll('.chart-legend li')].map((item) => item.textContent)).toEqual(['Software€800.00 · 44%', 'Travel€1,000.45 · 56%']);
    const expenseRows = within(within(expenses).getByRole('table')).getAllByRole('row');
    expect(cells(expenseRows.at(-1)!)).toEqual(['€1,800.45', '4', '']);

    // The table is hidden from sight until asked for.
    const toggle = within(chart).getByRole('button', { name: 'Show the figures' });
    expect(revenue.parentElement!.className).toBe('visually-hidden');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'));
    expect(revenue.parentElement!.className).toBe('table-scroll');

    // Another currency: a profit, and no receivables in it.
    fireEvent.change(screen.getByLabelText('Currency'), { target: { value: 'USD' } });
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Profit and loss' })).getByText('Profit')).toBeTruthy());
    expect(screen.getByText('+$99.99')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Profit and loss' }).querySelector('.fin-profit')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Receivables by age' })).getByText('Nothing is owed')).toBeTruthy();
    expect(container.querySelectorAll('[aria-label="Revenue by month"] rect.chart-bar')).toHaveLength(6);
  });

  it('asks for a preset’s period and refuses a period that ends before it starts', async () => {
    // Only the clock's date is fixed (timers run): presets count from today.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 4, 17, 12));
    const calls: FinanceReportsQueryVariables[] = [];
    renderWithApollo(<ReportsPage />, [reportsMock(calls, QUARTER)], FIRST_QUARTER);
    await screen.findByRole('table', { name: 'Revenue by month' });
    fireEvent.click(screen.getByRole('button', { name: 'Last 12 months' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ from: '2025-06-01', to: '2026-05-31', asOf: '2026-05-17' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Last 12 months' }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByRole('button', { name: 'This quarter' }).getAttribute('aria-pressed')).toBe('false');
    // Twelve months: twelve groups of two bars.
    await waitFor(() => expect(screen.getByRole('region', { name: 'Revenue by month' }).querySelectorAll('rect.chart-bar')).toHaveLength(24));

    const asked = calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2099-01-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The end is before the start.');
    expect(calls.length).toBe(asked);
  });

  it('says when the period has nothing to report', async () => {
    renderWithApollo(<ReportsPage />, [reportsMock([], NOTHING)], FIRST_QUARTER);
    expect(await screen.findByText('No invoices in this period')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByLabelText('Currency')).toBeNull();
  });

  it('says in words when the reports are refused', async () => {
    renderWithApollo(<ReportsPage />, [reportsMock([], new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } }))], FIRST_QUARTER);
    expect((await screen.findByRole('alert')).textContent).toContain('You do not have access to this.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
