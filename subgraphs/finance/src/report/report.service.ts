import { Money, userError, type Authorizer, type Database, type RequestContext } from '@cellgraph/kernel';
import { z } from 'zod';
import type { ExpenseCategory } from '../expense/expense.entity.js';
import { AR_AGING_SQL, COLLECTED_BY_MONTH_SQL, EXPENSES_BY_CATEGORY_SQL, INVOICED_BY_MONTH_SQL, PROFIT_AND_LOSS_SQL } from './report.sql.js';
import { FinanceArAging, FinanceExpenseCategory, FinanceProfitAndLoss, FinanceRevenueMonth } from './report.types.js';
import { financeErrorTexts } from '../messages.js';

type AgingRow = Record<'currency' | 'current' | 'days_1_30' | 'days_31_60' | 'days_61_90' | 'over_90' | 'total', string> & { invoices: number };

/** At most this many days in one report's period (ten years). */
const MAX_PERIOD_DAYS = 3660;
const date = z.iso.date();

/**
 * Finance reports for finance managers (owners and admins: `manage` on invoices), computed by
 * Postgres (report.sql.ts), per currency. Amounts come back as exact decimal text and become
 * Money (rounded once, half up, to the currency's minor units — a no-op for sums of such amounts).
 */
export class ReportService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {}

  async revenue(request: RequestContext, from: string, to: string): Promise<FinanceRevenueMonth[]> {
    await this.requireManager(request);
    checkPeriod(from, to);
    const [invoiced, collected] = await this.db.transaction(request, async (em) => {
      const invoicedRows: { month: string; currency: string; invoiced: string; invoices: number }[] = await em.query(INVOICED_BY_MONTH_SQL, [from, to]);
      const collectedRows: { month: string; currency: string; collected: string }[] = await em.query(COLLECTED_BY_MONTH_SQL, [from, to]);
      return [invoicedRows, collectedRows] as const;
    });
    // One row per (month, currency) that had invoices or cash; the other side is zero.
    const months = new Map<string, { month: string; currency: string; invoiced: string; invoices: number; collected: string }>();
    for (const row of invoiced) months.set(`${row.month} ${row.currency}`, { ...row, collected: '0' });
    for (const row of collected) {
      const key = `${row.month} ${row.currency}`;
      months.set(key, { ...(months.get(key) ?? { month: row.month, currency: row.currency, invoiced: '0', invoices: 0 }), collected: row.collected });
    }
    return [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency))
      .map((row) =>
        Object.assign(new FinanceRevenueMonth(), {
          month: row.month,
          currencyCode: row.currency,
          invoiced: Money.of(row.invoiced, row.currency),
          invoiceCount: row.invoices,
          collected: Money.of(row.collected, row.currency),
        }),
      );
  }

  /** Cash-basis profit and loss per currency over [from, to]. */
  async profitAndLoss(request: RequestContext, from: string, to: string): Promise<FinanceProfitAndLoss[]> {
    await this.requireManager(request);
    checkPeriod(from, to);
    const rows: { currency: string; revenue: string; expenses: string; net: string }[] = await this.db.transaction(request, (em) =>
      em.query(PROFIT_AND_LOSS_SQL, [from, to]),
    );
    return rows.map((row) =>
      Object.assign(new FinanceProfitAndLoss(), {
        currencyCode: row.currency,
        revenue: Money.of(row.revenue, row.currency),
        expenses: Money.of(row.expenses, row.currency),
        net: Money.of(row.net, row.currency),
      }),
    );
  }

  async arAging(request: RequestContext, asOf: string): Promise<FinanceArAging[]> {
    await this.requireManager(request);
    if (!date.safeParse(asOf).success) throw userError('FINANCE_REPORT_INVALID_PERIOD', financeErrorTexts.datesFormat, ['asOf']);
    const rows: AgingRow[] = await this.db.transaction(request, (em) => em.query(AR_AGING_SQL, [asOf]));
    return rows.map((row) => {
      const money = (amount: string) => Money.of(amount, row.currency);
      return Object.assign(new FinanceArAging(), {
        currencyCode: row.currency,
        current: money(row.current),
        days1To30: money(row.days_1_30),
        days31To60: money(row.days_31_60),
        days61To90: money(row.days_61_90),
        over90: money(row.over_90),
        total: money(row.total),
        invoiceCount: row.invoices,
      });
    });
  }

  async expensesByCategory(request: RequestContext, from: string, to: string): Promise<FinanceExpenseCategory[]> {
    await this.requireManager(request);
    checkPeriod(from, to);
    const rows: { category: ExpenseCategory; currency: string; amount: string; expenses: number }[] = await this.db.transaction(request, (em) =>
      em.query(EXPENSES_BY_CATEGORY_SQL, [from, to]),
    );
    return rows.map((row) =>
      Object.assign(new FinanceExpenseCategory(), {
        category: row.category,
        currencyCode: row.currency,
        amount: Money.of(row.amount, row.currency),
        expenseCount: row.expenses,
      }),
    );
  }

  private requireManager(request: RequestContext): Promise<void> {
    return this.authz.require(request, 'manage', 'Invoice');
  }
}

/** A period is from ≤ to, at most ten years. */
function checkPeriod(from: string, to: string): void {
  if (!date.safeParse(from).success || !date.safeParse(to).success) throw userError('FINANCE_REPORT_INVALID_PERIOD', financeErrorTexts.datesFormat, ['from']);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw userError('FINANCE_REPORT_INVALID_PERIOD', financeErrorTexts.periodInverted, ['to']);
  if (days > MAX_PERIOD_DAYS) throw userError('FINANCE_REPORT_INVALID_PERIOD', financeErrorTexts.periodTooLong, ['to']);
}
