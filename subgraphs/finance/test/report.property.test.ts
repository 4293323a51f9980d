import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCell, TestUser } from '../../../scripts/testing/cell-harness.js';
import { InvoiceStatus } from '../src/invoice/invoice-status.js';
import { createContact, financeOf, invite, moveInvoice, mutate, ok, startBillingCell, uuid } from './finance-cell.js';

/*
 * The reports against an independent computation: random invoices (random lines, currencies,
 * dates, statuses and partial settlements) and random expenses made through the API; the
 * reports' figures, computed by Postgres, must equal what big.js computes here from the same data.
 */

let cell: TestCell;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let contact: string;

/** A seeded generator (mulberry32): the same data on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!;
  return { next, int, pick };
}
const rng = random(19);
const CURRENCIES = ['USD', 'EUR', 'JPY'] as const;
const MINOR: Record<string, number> = { USD: 2, EUR: 2, JPY: 0 };
const day = (offset: number) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const amountIn = (currency: string, max: number) => new Big(rng.int(1, max * 10 ** MINOR[currency]!)).div(10 ** MINOR[currency]!).toFixed(MINOR[currency]!);

interface MadeInvoice {
  id: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  status: 'draft' | 'sent' | 'void' | 'partial' | 'paid';
  total: string;
  paid: string;
}
interface MadeExpense {
  category: string;
  currency: string;
  amount: string;
  date: string;
  status: 'pending' | 'approved' | 'rejected' | 'reimbursed';
}
const invoices: MadeInvoice[] = [];
const expenses: MadeExpense[] = [];

async function makeInvoice(): Promise<void> {
  const currency = rng.pick(CURRENCIES);
  const issueDate = day(rng.int(0, 364));
  const dueDate = day((Date.parse(issueDate) - Date.UTC(2025, 0, 1)) / 86_400_000 + rng.int(0, 60));
  const lines = Array.from({ length: rng.int(1, 4) }, (_, index) => ({
    description: `Line ${index}`,
    quantity: rng.pick(['1', '2', '0.5', '3.25', '1.333']),
    unitPrice: amountIn(currency, 500),
    taxRate: rng.pick(['0', '7', '19', '8.5']),
  }));
  const status = rng.pick(['draft', 'sent', 'void', 'partial', 'paid'] as const);
  const { invoice } = await mutate(
    cell,
    owner,
    'invoiceCreate',
    { contactId: contact, currencyCode: currency, issueDate, dueDate, lines },
    'invoice { id total { amount } }',
  );
  const total = invoice.total.amount as string;
  let paid = '0';
  if (status !== 'draft') await moveInvoice(cell, invoice.id, owner.organizationId, InvoiceStatus.SENT);
  if (status === 'void') await moveInvoice(cell, invoice.id, owner.organizationId, InvoiceStatus.VOID);
  if (status === 'partial' || status === 'paid') {
    paid = status === 'paid' ? total : new Big(total).times(rng.int(1, 9)).div(10).round(MINOR[currency]!, Big.roundDown).toFixed(MINOR[currency]!);
    const finance = financeOf(cell);
    await finance.db.transaction({ orgId: uuid(owner.organizationId), userId: null }, (em) =>
      finance.invoices.applySettlement(em, uuid(owner.organizationId), uuid(invoice.id), { amountPaid: paid }),
    );
  }
  invoices.push({ id: invoice.id, currency, issueDate, dueDate, status, total, paid });
}

async function makeExpense(): Promise<void> {
  const currency = rng.pick(CURRENCIES);
  const made: MadeExpense = {
    category: rng.pick(['software', 'travel', 'office', 'meals', 'equipment', 'other']),
    currency,
    amount: amountIn(currency, 2000),
    date: day(rng.int(0, 364)),
    status: rng.pick(['pending', 'approved', 'rejected', 'reimbursed'] as const),
  };
  const { expense } = await mutate(
    cell,
    admin,
    'expenseSubmit',
    { category: made.category.toUpperCase(), amount: made.amount, currencyCode: currency, expenseDate: made.date, vendor: 'Vendor' },
    'expense { id }',
  );
  if (made.status === 'approved' || made.status === 'reimbursed') await mutate(cell, owner, 'expenseApprove', { id: expense.id }, 'expense { id }');
  if (made.status === 'rejected') await mutate(cell, owner, 'expenseReject', { id: expense.id, reason: 'No' }, 'expense { id }');
  if (made.status === 'reimbursed') await mutate(cell, owner, 'expenseReimburse', { id: expense.id }, 'expense { id }');
  expenses.push(made);
}

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  admin = await invite(cell, owner, 'admin@reports.test', 'ADMIN');
  member = await invite(cell, owner, 'member@reports.test', 'MEMBER');
  contact = await createContact(cell, owner, 'Ada');
  for (let index = 0; index < 30; index++) await makeInvoice();
  for (let index = 0; index < 20; index++) await makeExpense();
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

/** Adds `amount` under `key` (big.js), fixing to the currency's minor units at the end. */
const sums = () => {
  const totals = new Map<string, Big>();
  return {
    add: (key: string, amount: string | Big) => totals.set(key, (totals.get(key) ?? new Big(0)).plus(amount)),
    get: (key: string) => totals.get(key),
    keys: () => [...totals.keys()].sort(),
  };
};
const fixed = (amount: Big | undefined, currency: string) => (amount ?? new Big(0)).toFixed(MINOR[currency]!);
const daysPast = (asOf: string, due: string) => Math.round((Date.parse(asOf) - Date.parse(due)) / 86_400_000);

describe('finance reports on random data', () => {
  it('revenue: invoiced per month and currency equals the independent sum', async () => {
    const [from, to] = ['2025-02-10', '2025-11-20'];
    const expected = sums();
    const counts = new Map<string, number>();
    for (const invoice of invoices) {
      if (invoice.status === 'draft' || invoice.status === 'void' || invoice.issueDate < from || invoice.issueDate > to) continue;
      const key = `${invoice.issueDate.slice(0, 7)}-01|${invoice.currency}`;
      expected.add(key, invoice.total);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const { financeRevenue } = await ok(
      cell,
      owner,
      'query($from: LocalDate!, $to: LocalDate!) { financeRevenue(from: $from, to: $to) { month currencyCode invoiced { amount currencyCode } invoiceCount } }',
      { from, to },
    );
    expect(financeRevenue).toEqual(
      expected.keys().map((key) => {
        const [month, currency] = key.split('|') as [string, string];
        return {
          month,
          currencyCode: currency,
          invoiced: { amount: fixed(expected.get(key), currency), currencyCode: currency },
          invoiceCount: counts.get(key),
        };
      }),
    );
    expect(financeRevenue.length).toBeGreaterThanOrEqual(5); // non-trivial data: seed 19 gives five (month, currency) rows in the period
  });

  it('AR aging: open invoices’ amount due by days past due, on several days', async () => {
    for (const asOf of ['2025-03-15', '2025-08-01', '2025-12-31', '2026-06-30']) {
      const buckets = ['current', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
      const expected = new Map<string, Record<string, Big> & { count: number }>();
      for (const invoice of invoices) {
        const due = new Big(invoice.total).minus(invoice.paid);
        if (!['sent', 'partial'].includes(invoice.status) || due.lte(0) || invoice.issueDate > asOf) continue;
        const late = daysPast(asOf, invoice.dueDate);
        const bucket = late <= 0 ? 'current' : late <= 30 ? 'days1To30' : late <= 60 ? 'days31To60' : late <= 90 ? 'days61To90' : 'over90';
        const row = expected.get(invoice.currency) ?? Object.assign(Object.fromEntries(buckets.map((name) => [name, new Big(0)])), { count: 0 });
        row[bucket] = row[bucket]!.plus(due);
        row.count++;
        expected.set(invoice.currency, row);
      }
      const { financeArAging } = await ok(
        cell,
        owner,
        `query($asOf: LocalDate) { financeArAging(asOf: $asOf) { currencyCode ${buckets.join(' { amount } ')} { amount } total { amount } invoiceCount } }`,
        { asOf },
      );
      expect(financeArAging).toEqual(
        [...expected.keys()].sort().map((currency) => {
          const row = expected.get(currency)!;
          const total = buckets.reduce((sum, name) => sum.plus(row[name]!), new Big(0));
          return {
            currencyCode: currency,
            ...Object.fromEntries(buckets.map((name) => [name, { amount: fixed(row[name], currency) }])),
            total: { amount: fixed(total, currency) },
            invoiceCount: row.count,
          };
        }),
      );
    }
  });

  it('expenses by category: approved and reimbursed ones per category and currency', async () => {
    const [from, to] = ['2025-01-01', '2025-09-30'];
    const expected = sums();
    const counts = new Map<string, number>();
    for (const expense of expenses) {
      if (!['approved', 'reimbursed'].includes(expense.status) || expense.date < from || expense.date > to) continue;
      const key = `${expense.category}|${expense.currency}`;
      expected.add(key, expense.amount);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const { financeExpensesByCategory } = await ok(
      cell,
      owner,
      'query($from: LocalDate!, $to: LocalDate!) { financeExpensesByCategory(from: $from, to: $to) { category currencyCode amount { amount } expenseCount } }',
      { from, to },
    );
    expect(financeExpensesByCategory).toEqual(
      expected.keys().map((key) => {
        const [category, currency] = key.split('|') as [string, string];
        return {
          category: category.toUpperCase(),
          currencyCode: currency,
          amount: { amount: fixed(expected.get(key), currency) },
          expenseCount: counts.get(key),
        };
      }),
    );
    expect(financeExpensesByCategory.length).toBeGreaterThan(2);
  });

  it('are for finance managers: an admin reads them, a member is refused, another organization sees only its own (nothing)', async () => {
    const query = '{ financeRevenue(from: "2025-01-01", to: "2025-12-31") { currencyCode } financeArAging { currencyCode } }';
    expect((await ok(cell, admin, query)).financeRevenue.length).toBeGreaterThan(0);
    const refused = await cell.gql('{ financeRevenue(from: "2025-01-01", to: "2025-12-31") { currencyCode } }', {}, member.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const aging = await cell.gql('{ financeArAging { currencyCode } }', {}, member.token);
    expect(aging.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await cell.signUp('Stranger');
    expect(await ok(cell, stranger, query)).toEqual({ financeRevenue: [], financeArAging: [] });
    const backwards = await cell.gql('{ financeRevenue(from: "2025-02-01", to: "2025-01-01") { currencyCode } }', {}, owner.token);
    expect(backwards.errors?.[0]?.extensions?.code).toBe('FINANCE_REPORT_INVALID_PERIOD');
  });

  // Last: it records payments, which would change the invoices the tests above expect.
  it('collected and profit and loss: payments minus refunds (through the API) by paid date, against big.js', async () => {
    const to = new Date().toISOString().slice(0, 10);
    const collected = sums();
    const revenue = sums();
    for (const invoice of invoices.filter((made) => made.status === 'sent').slice(0, 6)) {
      const amount = new Big(invoice.total).times(rng.int(3, 10)).div(10).round(MINOR[invoice.currency]!, Big.roundDown).toFixed(MINOR[invoice.currency]!);
      const paidAt = `${day(rng.int(0, 364))}T${String(rng.int(0, 23)).padStart(2, '0')}:30:00.000Z`;
      const { payment } = await mutate(cell, owner, 'paymentRecord', { invoiceId: invoice.id, amount, method: 'CASH', paidAt }, 'payment { id }');
      collected.add(`${paidAt.slice(0, 7)}-01|${invoice.currency}`, amount);
      revenue.add(invoice.currency, amount);
      if (rng.int(0, 1) === 1) {
        const back = new Big(amount).div(2).round(MINOR[invoice.currency]!, Big.roundDown).toFixed(MINOR[invoice.currency]!);
        if (new Big(back).lte(0)) continue;
        const { refund } = await mutate(cell, owner, 'paymentRefund', { paymentId: payment.id, amount: back, reason: 'Test' }, 'refund { paidAt }');
        collected.add(`${(refund.paidAt as string).slice(0, 7)}-01|${invoice.currency}`, new Big(back).neg());
        revenue.add(invoice.currency, new Big(back).neg());
      }
    }
    const { financeRevenue } = await ok(
      cell,
      owner,
      'query($from: LocalDate!, $to: LocalDate!) { financeRevenue(from: $from, to: $to) { month currencyCode collected { amount } } }',
      { from: '2025-01-01', to },
    );
    const reported = (financeRevenue as { month: string; currencyCode: string; collected: { amount: string } }[])
      .filter((row) => row.collected.amount !== fixed(new Big(0), row.currencyCode))
      .map((row) => `${row.month}|${row.currencyCode}=${row.collected.amount}`);
    expect(reported).toEqual(
      collected
        .keys()
        .filter((key) => !collected.get(key)!.eq(0))
        .map((key) => `${key}=${fixed(collected.get(key), key.split('|')[1]!)}`),
    );

    const spent = sums();
    for (const expense of expenses) if (['approved', 'reimbursed'].includes(expense.status)) spent.add(expense.currency, expense.amount);
    const { financeProfitAndLoss } = await ok(
      cell,
      owner,
      'query($from: LocalDate!, $to: LocalDate!) { financeProfitAndLoss(from: $from, to: $to) { currencyCode revenue { amount } expenses { amount } net { amount } } }',
      { from: '2025-01-01', to },
    );
    const currencies = [...new Set([...revenue.keys(), ...spent.keys()])].sort();
    expect(financeProfitAndLoss).toEqual(
      currencies.map((currency) => ({
        currencyCode: currency,
        revenue: { amount: fixed(revenue.get(currency), currency) },
        expenses: { amount: fixed(spent.get(currency), currency) },
        net: { amount: fixed((revenue.get(currency) ?? new Big(0)).minus(spent.get(currency) ?? 0), currency) },
      })),
    );
    expect(revenue.keys().length).toBeGreaterThan(0);
  });
});
