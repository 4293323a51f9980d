import { readSentEmails } from '@cellgraph/kernel';
import { toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL, withClient } from '@cellgraph/kernel/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { createContact, financeOf, invite, mutate, ok, refused, startBillingCell, subgraphRequest, uuid } from './finance-cell.js';

/* Recurring invoices in cell `billing`: rules, the job that issues their periods (exactly once), permissions. */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let guest: TestUser;
let contact: string;
const CUSTOMER = 'ada@recurring.test';

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  guest = await invite(cell, owner, 'guest@recurring.test', 'GUEST');
  contact = (await mutate(cell, owner, 'contactCreate', { firstName: 'Ada', lastName: 'Lovelace', email: CUSTOMER }, 'contact { id }')).contact.id;
});
afterAll(async () => {
  await cell?.stop();
});
// The job issues every running rule of the cell: each test starts with none running.
afterEach(() => withClient(cell.database.url, (db) => db.query('UPDATE finance.recurring_invoices SET enabled = false WHERE enabled')));

const RULE = 'id frequency startDate nextIssueDate endDate autoSend sendTo enabled active stoppedAt template { id } createdBy { id }';
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
      sendTo: [CUSTOMER],
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

/** The e-mails the sink holds for `to`. */
const mailsTo = (to: string) => readSentEmails(cell.emailDir).filter((mail) => mail.to === to);
/** Waits until the cell's mail queue has nothing left to deliver (what was queued reached the sink). */
async function mailQueueDrained() {
  const connection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('email', { connection, prefix: cell.keyPrefix });
  try {
    while (Object.values(await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).some((count) => count > 0))
      await new Promise((resolve) => setTimeout(resolve, 25));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
const deliveriesOf = (invoiceId: string) =>
  withClient(
    cell.database.url,
    async (db) =>
      (await db.query('SELECT recipients, customer_name, pdf_file_id, sent_by FROM finance.invoice_deliveries WHERE invoice_id = $1', [uuid(invoiceId)])).rows,
  );
const issuedEvents = (ruleId: string) =>
  withClient(cell.database.url, async (db) =>
    (await db.query("SELECT data FROM finance.outbox WHERE subject_id = $1 AND type = 'recurring_invoice.issued' ORDER BY id", [uuid(ruleId)])).rows.map(
      (row) => row.data,
    ),
  );
const PUBLIC = 'query($token: String!) { publicInvoice(token: $token) { number status organizationName customerName total { amount } } }';

describe('auto-send', () => {
  it('the job sends each issued invoice (SENT, one delivery, one e-mail with a working public link), once with two runs at once and a redelivery', async () => {
    const source = await template();
    const made = await makeRecurring({ invoiceId: source.id, frequency: 'WEEKLY', startDate: '2026-01-01', autoSend: true, sendTo: ['Billing@Auto.TEST'] });
    expect(made.userErrors).toEqual([]);
    expect(made.recurringInvoice.sendTo).toEqual(['billing@auto.test']);
    const rule = made.recurringInvoice;
    // Jan 1, 8 and 15, by two workers at once, then the job redelivered.
    const [first, second] = await Promise.all([issueDue('2026-01-15'), issueDue('2026-01-15')]);
    expect(first + second).toBe(3);
    expect(await issueDue('2026-01-15')).toBe(0);

    const issued = (await issuedOf(rule.id)).nodes as { id: string; number: string; status: string }[];
    expect(issued.map((invoice) => invoice.status)).toEqual(['SENT', 'SENT', 'SENT']);
    for (const invoice of issued) {
      // Sent by the rule's creator; the job stores no PDF File (no caller to store it as).
      expect(await deliveriesOf(invoice.id)).toEqual([
        { recipients: ['billing@auto.test'], customer_name: 'Ada Lovelace', pdf_file_id: null, sent_by: uuid(owner.userId) },
      ]);
      const sent = await withClient(
        cell.database.url,
        async (db) => (await db.query("SELECT data FROM finance.outbox WHERE subject_id = $1 AND type = 'invoice.sent'", [uuid(invoice.id)])).rows,
      );
      expect(sent).toEqual([{ data: expect.objectContaining({ from: 'draft', number: invoice.number, recipients: ['billing@auto.test'] }) }]);
    }
    const events = await issuedEvents(rule.id);
    expect(events).toHaveLength(3);
    for (const event of events) expect(event).toMatchObject({ autoSend: true, recipients: ['billing@auto.test'], deliveryId: expect.any(String) });
    expect(events.some((event) => 'sendFailure' in event)).toBe(false);

    await waitForEmail(cell, 'billing@auto.test', { index: 2 });
    await mailQueueDrained();
    const mails = mailsTo('billing@auto.test');
    const organization = (await ok(cell, owner, '{ organization { name } }')).organization.name;
    expect(mails.map((mail) => mail.subject).sort()).toEqual(issued.map((invoice) => `Invoice ${invoice.number} from ${organization}`).sort());
    const { token } = await waitForEmail(cell, 'billing@auto.test', { subject: `Invoice ${issued[0]!.number}` });
    const view = await cell.gql(PUBLIC, { token });
    expect(view.errors).toBeUndefined();
    expect(view.data!.publicInvoice).toEqual({
      number: issued[0]!.number,
      status: 'VIEWED',
      organizationName: organization,
      customerName: 'Ada Lovelace',
      total: { amount: source.total.amount },
    });
    // The invoice's `pdf` is the latest delivery with a PDF: none here.
    expect((await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { pdf { id } } }', { id: issued[0]!.id })).invoice.pdf).toBeNull();
    await stop(rule.id);
  });

  it('recipients default to the contact’s e-mail; a bad address or a contact without one and no sendTo is refused with a code', async () => {
    const byDefault = await makeRecurring({ invoiceId: (await template()).id, frequency: 'MONTHLY', startDate: '2042-01-01', autoSend: true });
    expect(byDefault.userErrors).toEqual([]);
    expect(byDefault.recurringInvoice.sendTo).toEqual([CUSTOMER]);

    const source = await template();
    expect(
      await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'MONTHLY', autoSend: true, sendTo: ['not an address'] }),
    ).toEqual(['RECURRING_INVOICE_INVALID_INPUT']);
    const eleven = Array.from({ length: 11 }, (_, index) => `to${index}@auto.test`);
    expect(await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: source.id, frequency: 'MONTHLY', autoSend: true, sendTo: eleven })).toEqual([
      'RECURRING_INVOICE_INVALID_INPUT',
    ]);

    const unreachable = await createContact(cell, owner, 'Bob');
    const bobs = await template(owner, unreachable);
    expect(await refused(cell, owner, 'invoiceMakeRecurring', { invoiceId: bobs.id, frequency: 'MONTHLY', autoSend: true })).toEqual([
      'RECURRING_INVOICE_NO_RECIPIENT',
    ]);
    // Without auto-send it issues drafts; turning auto-send on asks for recipients.
    const { recurringInvoice: rule } = await makeRecurring({ invoiceId: bobs.id, frequency: 'MONTHLY', startDate: '2042-01-01' });
    expect(rule).toMatchObject({ autoSend: false, sendTo: null });
    expect(await refused(cell, owner, 'recurringInvoiceUpdate', { id: rule.id, autoSend: true })).toEqual(['RECURRING_INVOICE_NO_RECIPIENT']);
    const on = await mutate(cell, owner, 'recurringInvoiceUpdate', { id: rule.id, autoSend: true, sendTo: ['bob@auto.test'] }, `recurringInvoice { ${RULE} }`);
    expect(on.userErrors).toEqual([]);
    expect(on.recurringInvoice).toMatchObject({ autoSend: true, sendTo: ['bob@auto.test'] });
    // null goes back to the contact's address, which Bob has not.
    expect(await refused(cell, owner, 'recurringInvoiceUpdate', { id: rule.id, sendTo: null })).toEqual(['RECURRING_INVOICE_NO_RECIPIENT']);
    const updated = await withClient(
      cell.database.url,
      async (db) => (await db.query("SELECT data FROM finance.outbox WHERE subject_id = $1 AND type = 'recurring_invoice.updated'", [uuid(rule.id)])).rows,
    );
    expect(updated).toEqual([
      { data: { fields: ['autoSend', 'sendTo'], before: { autoSend: false, sendTo: null }, after: { autoSend: true, sendTo: ['bob@auto.test'] } } },
    ]);
    await stop(rule.id);
    await stop(byDefault.recurringInvoice.id);
  });

  it('with auto-send turned off the job issues drafts and mails nothing', async () => {
    const source = await template();
    const { recurringInvoice: rule } = await makeRecurring({
      invoiceId: source.id,
      frequency: 'MONTHLY',
      startDate: '2026-01-31',
      autoSend: true,
      sendTo: ['off@auto.test'],
    });
    const off = await mutate(cell, owner, 'recurringInvoiceUpdate', { id: rule.id, autoSend: false }, `recurringInvoice { ${RULE} }`);
    expect(off.recurringInvoice).toMatchObject({ autoSend: false, sendTo: ['off@auto.test'] });
    expect(await issueDue('2026-02-28')).toBe(2);
    const issued = (await issuedOf(rule.id)).nodes as { id: string; status: string }[];
    expect(issued.map((invoice) => invoice.status)).toEqual(['DRAFT', 'DRAFT']);
    for (const invoice of issued) expect(await deliveriesOf(invoice.id)).toEqual([]);
    expect((await issuedEvents(rule.id)).map((event) => [event.autoSend, event.recipients])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
    await waitUntilSettled(cell);
    await mailQueueDrained();
    expect(mailsTo('off@auto.test')).toEqual([]);
    await stop(rule.id);
  });

  it('an issued invoice that cannot be sent stays a DRAFT and the issued event says why; the period is issued all the same', async () => {
    const free = (
      await mutate(
        cell,
        owner,
        'invoiceCreate',
        { contactId: contact, currencyCode: 'EUR', issueDate: '2026-01-01', dueDate: '2026-01-15', lines: [{ description: 'Gift', unitPrice: '0' }] },
        'invoice { id }',
      )
    ).invoice;
    const { recurringInvoice: rule } = await makeRecurring({
      invoiceId: free.id,
      frequency: 'MONTHLY',
      startDate: '2026-01-01',
      autoSend: true,
      sendTo: ['zero@auto.test'],
    });
    expect(await issueDue('2026-01-01')).toBe(1);
    const [invoice] = (await issuedOf(rule.id)).nodes as { id: string; status: string }[];
    expect(invoice!.status).toBe('DRAFT');
    expect(await deliveriesOf(invoice!.id)).toEqual([]);
    expect(await issuedEvents(rule.id)).toEqual([expect.objectContaining({ invoiceId: uuid(invoice!.id), autoSend: true, sendFailure: 'INVOICE_ZERO_TOTAL' })]);
    expect((await issueRows(rule.id)).map((row) => row.period)).toEqual(['2026-01-01']);
    await stop(rule.id);

    // The template moved to another contact than the recipients were set for: nothing is mailed to the old one.
    const source = await template();
    const { recurringInvoice: moved } = await makeRecurring({ invoiceId: source.id, frequency: 'MONTHLY', startDate: '2026-01-31', autoSend: true });
    const other = (await mutate(cell, owner, 'contactCreate', { firstName: 'Cy', email: 'cy@auto.test' }, 'contact { id }')).contact.id;
    expect((await mutate(cell, owner, 'invoiceUpdate', { id: source.id, contactId: other }, 'invoice { id }')).userErrors).toEqual([]);
    expect(await issueDue('2026-01-31')).toBe(1);
    expect(await issuedEvents(moved.id)).toEqual([expect.objectContaining({ sendFailure: 'RECURRING_INVOICE_CONTACT_CHANGED' })]);
    expect(((await issuedOf(moved.id)).nodes as { status: string }[]).map((node) => node.status)).toEqual(['DRAFT']);
    await stop(moved.id);
  });
});
