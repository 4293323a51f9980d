import { toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestCell, TestUser } from '../../../scripts/testing/cell-harness.js';
import { createContact, financeOf, invite, mutate, ok, refused, startBillingCell, subgraphRequest, uuid } from './finance-cell.js';

/* Recurring invoices in cell `billing`: rules, the job that issues their periods (exactly once), permissions. */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let guest: TestUser;
let contact: string;

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  guest = await invite(cell, owner, 'guest@recurring.test', 'GUEST');
  contact = await createContact(cell, owner, 'Ada');
});
afterAll(async () => {
  await cell?.stop();
});
// The job issues every running rule of the cell: each test starts with none running.
afterEach(() => withClient(cell.database.url, (db) => db.query('UPDATE finance.recurring_invoices SET enabled = false WHERE enabled')));

const RULE = 'id frequency startDate nextIssueDate endDate autoSend enabled active stoppedAt template { id } createdBy { id }';
const ISSUED = 'id number status issueDate dueDate total { amount currencyCode } lines { description quantity unitPrice { amount } taxRate }';

/** A DRAFT template: EUR, two lines, issued Jan 31 and due 14 days later (its payment terms). */
async function template(who = owner, person = contact) {
  const { invoice } = await mutate(
    cell,
    who,
    'invoiceCreate',
    {
      contactId: person,
      currencyCode: 'EUR',
      issueDate: '2026-01-31',
      dueDate: '2026-02-14',
      memo: 'Monthly retainer',
      lines: [
        { description: 'Retainer', unitPrice: '1000.00', taxRate: '19' },
        { description: 'Hosting', quantity: '2', unitPrice: '9.99' },
      ],
    },
    'invoice { id number total { amount } }',
  );
  return invoice;
}

const makeRecurring = (input: Record<string, unknown>, who = owner) => mutate(cell, who, 'invoiceMakeRecurring', input, `recurringInvoice { ${RULE} }`);
const issueDue = (today: string) => financeOf(cell).recurringInvoices.issueDue(today);
const issuedOf = async (ruleId: string) =>
  (await ok(cell, owner, `query($id: ID!) { recurringInvoice(id: $id) { invoices(first: 100) { totalCount nodes { ${ISSUED} } } } }`, { id: ruleId }))
    .recurringInvoice.invoices;
const issueRows = (ruleId: string) =>
  withClient(
    cell.database.url,
    async (db) =>
      (
        await db.query("SELECT to_char(period_date, 'YYYY-MM-DD') AS period FROM finance.recurring_invoice_issues WHERE rule_id = $1 ORDER BY period_date", [
          uuid(ruleId),
        ])
      ).rows,
  );
const stop = (id: string) => mutate(cell, owner, 'recurringInvoiceStop', { id }, `recurringInvoice { ${RULE} }`);

describe('recurring invoices', () => {
  it('make an invoice a template with a frequency, start, end and auto-send; the invoice shows its recurrence', async () => {
    const source = await template();
    const { recurringInvoice, userErrors } = await makeRecurring({
      invoiceId: source.id,
      frequency: 'MONTHLY',
      startDate: '2026-01-31',
      endDate: '2026-12-31',
      autoSend: true,
    });
    expect(userErrors).toEqual([]);
    expect(recurringInvoice).toEqual({
      id: expect.any(String),
      frequency: 'MONTHLY',
      startDate: '2026-01-31',
      nextIssueDate: '2026-01-31',
      endDate: '2026-12-31',
      autoSend: true,
      enabled: true,
      active: true,
      stoppedAt: null,
      template: { id: source.id },
      createdBy: { id: owner.userId },
    });
    const read = await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status recurrence { id } issuedBy { id } } }', { id: source.id });
    expect(read.invoice).toEqual({ status: 'DRAFT', recurrence: { id: recurringInvoice.id }, issuedBy: null });
    const listed = await ok(cell, owner, 'query($id: ID!) { recurringInvoices(filter: { template: { eq: $id } }) { totalCount nodes { id } } }', {
      id: source.id,
    });
    expect(listed.recurringInvoices).toEqual({ totalCount: 1, nodes: [{ id: recurringInvoice.id }] });
    expect(await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'WEEKLY' })).toEqual(['RECURRING_INVOICE_ALREADY_EXISTS']);
    const events = await withClient(
      cell.database.url,
      async (db) => (await db.query('SELECT type, data FROM finance.outbox WHERE subject_id = $1', [uuid(recurringInvoice.id)])).rows,
    );
    expect(events).toEqual([
      {
        type: 'recurring_invoice.created',
        data: expect.objectContaining({
          after: expect.objectContaining({ frequency: 'monthly', startDate: '2026-01-31', autoSend: true }),
          templateNumber: source.number,
        }),
      },
    ]);
    await stop(recurringInvoice.id);
  });

  it('refuse an end before the start, an unknown frequency and a VOID template', async () => {
    const source = await template();
    expect(
      await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'MONTHLY', startDate: '2026-03-01', endDate: '2026-02-01' }),
    ).toEqual(['RECURRING_INVOICE_INVALID_INPUT']);
    await mutate(cell, owner, 'invoiceVoid', { id: source.id }, 'invoice { id }');
    expect(await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'MONTHLY' })).toEqual(['RECURRING_INVOICE_INVALID_TEMPLATE']);
    expect(await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: toGlobalId('Invoice', uuidv7()), frequency: 'MONTHLY' })).toEqual([
      'INVOICE_NOT_FOUND',
    ]);
  });

  it('catch up missed periods, each with its own dates (month-end kept), copying the template’s lines under new numbers', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'MONTHLY', startDate: '2026-01-31' });
    // The worker was down until Apr 29: Jan 31, Feb 28 and Mar 31 are due, Apr 30 not yet.
    expect(await issueDue('2026-04-29')).toBe(3);
    const issued = await issuedOf(rule.id);
    expect(issued.totalCount).toBe(3);
    expect(issued.nodes.map((invoice: { issueDate: string; dueDate: string }) => [invoice.issueDate, invoice.dueDate])).toEqual([
      ['2026-03-31', '2026-04-14'],
      ['2026-02-28', '2026-03-14'],
      ['2026-01-31', '2026-02-14'],
    ]);
    for (const invoice of issued.nodes) {
      expect(invoice).toMatchObject({ status: 'DRAFT', total: { amount: source.total.amount, currencyCode: 'EUR' } });
      expect(invoice.number).not.toBe(source.number);
      expect(invoice.lines).toEqual([
        { description: 'Retainer', quantity: '1', unitPrice: { amount: '1000.00' }, taxRate: '19' },
        { description: 'Hosting', quantity: '2', unitPrice: { amount: '9.99' }, taxRate: '0' },
      ]);
    }
    expect(new Set(issued.nodes.map((invoice: { number: string }) => invoice.number)).size).toBe(3);
    const after = await ok(cell, owner, `query($id: ID!) { recurringInvoice(id: $id) { nextIssueDate active } }`, { id: rule.id });
    expect(after.recurringInvoice).toEqual({ nextIssueDate: '2026-04-30', active: true });
    const back = await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { issuedBy { id } recurrence { id } } }', { id: issued.nodes[0].id });
    expect(back.invoice).toEqual({ issuedBy: { id: rule.id }, recurrence: null });
    const events = await withClient(
      cell.database.url,
      async (db) =>
        (await db.query("SELECT data FROM finance.outbox WHERE subject_id = $1 AND type = 'recurring_invoice.issued' ORDER BY id", [uuid(rule.id)])).rows,
    );
    expect(events.map((event) => event.data.periodDate)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(events[0].data).toMatchObject({ templateInvoiceId: uuid(source.id), autoSend: false, total: source.total.amount, currencyCode: 'EUR' });
    // The template itself is never sent.
    expect((await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status } }', { id: source.id })).invoice.status).toBe('DRAFT');
    await stop(rule.id);
  });

  it('issue each period exactly once with two workers at once and a redelivered job', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'WEEKLY', startDate: '2026-01-01' });
    const [first, second] = await Promise.all([issueDue('2026-02-26'), issueDue('2026-02-26')]);
    // Jan 1, 8, 15, 22, 29, Feb 5, 12, 19, 26: nine periods between the two workers.
    expect(first + second).toBe(9);
    expect(await issueDue('2026-02-26')).toBe(0);
    const rows = await issueRows(rule.id);
    expect(rows.map((row) => row.period)).toEqual([
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-22',
      '2026-01-29',
      '2026-02-05',
      '2026-02-12',
      '2026-02-19',
      '2026-02-26',
    ]);
    expect((await issuedOf(rule.id)).totalCount).toBe(9);
    // A week later, twice in parallel again: the next period only, once.
    await Promise.all([issueDue('2026-03-05'), issueDue('2026-03-05')]);
    expect((await issueRows(rule.id)).map((row) => row.period).slice(-2)).toEqual(['2026-02-26', '2026-03-05']);
    await stop(rule.id);
  });

  it('stop after the end date', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'QUARTERLY', startDate: '2026-01-31', endDate: '2026-08-31' });
    expect(await issueDue('2027-12-31')).toBe(3);
    expect((await issueRows(rule.id)).map((row) => row.period)).toEqual(['2026-01-31', '2026-04-30', '2026-07-31']);
    const read = await ok(cell, owner, 'query($id: ID!) { recurringInvoice(id: $id) { nextIssueDate enabled active } }', { id: rule.id });
    expect(read.recurringInvoice).toEqual({ nextIssueDate: '2026-10-31', enabled: true, active: false });
    expect(await issueDue('2028-12-31')).toBe(0);
    await stop(rule.id);
  });

  it('issue nothing once stopped; a stopped one cannot change; a new next date restarts the periods from it', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'MONTHLY', startDate: '2026-01-31' });
    const moved = await mutate(
      cell,
      owner,
      'recurringInvoiceUpdate',
      { id: rule.id, nextIssueDate: '2026-02-15', frequency: 'ANNUALLY', autoSend: true },
      `recurringInvoice { ${RULE} }`,
    );
    expect(moved.recurringInvoice).toMatchObject({ frequency: 'ANNUALLY', startDate: '2026-02-15', nextIssueDate: '2026-02-15', autoSend: true });
    expect(await issueDue('2027-03-01')).toBe(2);
    expect((await issueRows(rule.id)).map((row) => row.period)).toEqual(['2026-02-15', '2027-02-15']);
    const stopped = await stop(rule.id);
    expect(stopped.recurringInvoice).toMatchObject({ enabled: false, active: false, stoppedAt: expect.any(String) });
    expect(await issueDue('2030-01-01')).toBe(0);
    expect(await refused(cell, owner, 'recurringInvoiceUpdate', { id: rule.id, autoSend: false })).toEqual(['RECURRING_INVOICE_STOPPED']);
    expect((await stop(rule.id)).userErrors).toEqual([]);
    // The invoice may recur again under a new rule; `recurrence` shows the running one.
    const again = await makeRecurring({ invoiceId: source.id, frequency: 'WEEKLY', startDate: '2031-01-01' });
    expect(again.userErrors).toEqual([]);
    const read = await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { recurrence { id } } }', { id: source.id });
    expect(read.invoice.recurrence).toEqual({ id: again.recurringInvoice.id });
    await stop(again.recurringInvoice.id);
  });

  it('resolve as entities for the gateway (unknown and other organizations’ ones as null)', async () => {
    const mine = (await makeRecurring({ invoiceId: (await template()).id, frequency: 'MONTHLY', startDate: '2040-01-01' })).recurringInvoice;
    const strangerContact = await createContact(cell, stranger, 'Bob');
    const theirs = (await makeRecurring({ invoiceId: (await template(stranger, strangerContact)).id, frequency: 'MONTHLY', startDate: '2040-01-01' }, stranger))
      .recurringInvoice;
    const representations = [mine.id, toGlobalId('RecurringInvoice', uuidv7()), theirs.id].map((id) => ({ __typename: 'RecurringInvoice', id }));
    const answer = await subgraphRequest(
      cell,
      'finance',
      owner,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on RecurringInvoice { id frequency } } }',
      {
        r: representations,
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([{ id: mine.id, frequency: 'MONTHLY' }, null, null]);
    const node = await ok(cell, owner, 'query($id: ID!) { node(id: $id) { id ... on RecurringInvoice { startDate } } }', { id: mine.id });
    expect(node.node).toEqual({ id: mine.id, startDate: '2040-01-01' });
  });

  it('keep another organization from reading, listing, changing or stopping a recurring invoice', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'MONTHLY', startDate: '2040-01-01' });
    expect((await ok(cell, stranger, 'query($id: ID!) { recurringInvoice(id: $id) { id } }', { id: rule.id })).recurringInvoice).toBeNull();
    expect((await ok(cell, stranger, 'query($id: ID!) { node(id: $id) { id } }', { id: rule.id })).node).toBeNull();
    const listed = await ok(cell, stranger, 'query($id: ID!) { recurringInvoices(filter: { id: { eq: $id } }) { totalCount } }', { id: rule.id });
    expect(listed.recurringInvoices.totalCount).toBe(0);
    expect(await refused(cell, stranger, 'recurringInvoiceUpdate', { id: rule.id, autoSend: true })).toEqual(['RECURRING_INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'recurringInvoiceStop', { id: rule.id })).toEqual(['RECURRING_INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'WEEKLY' })).toEqual(['INVOICE_NOT_FOUND']);
    const read = await ok(cell, owner, 'query($id: ID!) { recurringInvoice(id: $id) { enabled autoSend } }', { id: rule.id });
    expect(read.recurringInvoice).toEqual({ enabled: true, autoSend: false });
  });

  it('refuse a guest without finance rights', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: source.id, frequency: 'MONTHLY', startDate: '2041-01-01' });
    const answer = await cell.gql('query($id: ID!) { recurringInvoice(id: $id) { id } }', { id: rule.id }, guest.token);
    expect(answer.data!.recurringInvoice).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(cell, guest, '{ recurringInvoices { totalCount } }')).recurringInvoices.totalCount).toBe(0);
    expect(await refused(cell, guest, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'WEEKLY' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, guest, 'recurringInvoiceStop', { id: rule.id })).toEqual(['RECURRING_INVOICE_NOT_FOUND']);
    expect(await refused(cell, guest, 'recurringInvoiceUpdate', { id: rule.id, autoSend: true })).toEqual(['RECURRING_INVOICE_NOT_FOUND']);
  });
});
