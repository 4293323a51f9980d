import { readSentEmails } from '@cellgraph/kernel';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { invite, mutate, ok, pdfText, refused, uuid } from './finance-cell.js';

/*
 * Sending invoices in cell `billing`, through its gateway, as the organization's owner: the PDF in
 * the files module's S3-compatible store, the e-mail in the mail sink, the public view by token.
 */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let guest: TestUser;
let contact: string;
const CUSTOMER = 'ada@customer.test';

beforeAll(async () => {
  cell = await startTestCell({ cell: 'billing', env: { INVOICE_TOKEN_FAILURES_PER_ADDRESS: '12' } });
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  guest = await invite(cell, owner, 'guest@send.test', 'GUEST');
  contact = (await mutate(cell, owner, 'contactCreate', { firstName: 'Ada', lastName: 'Lovelace', email: CUSTOMER }, 'contact { id }')).contact.id;
});
afterAll(async () => {
  await cell?.stop();
});

const LINES = [
  { description: 'Design', quantity: '1.5', unitPrice: '100.05', taxRate: '19' },
  { description: 'Hosting', unitPrice: '9.99' },
];
const createInvoice = async (lines: Record<string, unknown>[] = LINES, who = owner, contactId = contact): Promise<{ id: string; number: string }> => {
  const { invoice, userErrors } = await mutate(cell, who, 'invoiceCreate', { contactId, currencyCode: 'EUR', lines }, 'invoice { id number }');
  expect(userErrors).toEqual([]);
  return invoice;
};
const SENT_FIELDS = 'invoice { id status sentAt viewedAt } recipients';
const send = (input: Record<string, unknown>, who = owner) => mutate(cell, who, 'invoiceSend', input, SENT_FIELDS);
const PUBLIC = `query($token: String!) { publicInvoice(token: $token) {
  number status organizationName customerName issueDate dueDate currencyCode payable memo terms
  lines { description quantity taxRate unitPrice { amount } amount { amount } }
  subtotal { amount } taxTotal { amount } total { amount currencyCode } amountPaid { amount } amountDue { amount }
} }`;
const FILE = 'query($id: ID!) { invoice(id: $id) { pdf { id name contentType size aboutId downloadUrl } } }';
const eventsOf = (invoiceId: string, type: string) =>
  withClient(
    cell.database.url,
    async (db) => (await db.query('SELECT data FROM finance.outbox WHERE subject_id = $1 AND type = $2 ORDER BY id', [uuid(invoiceId), type])).rows,
  );
const mailsTo = (to: string) => readSentEmails(cell.emailDir).filter((mail) => mail.to === to);

describe('invoiceSend', () => {
  it('renders the PDF into files, e-mails the contact a link to the public page, and moves the DRAFT to SENT', async () => {
    const invoice = await createInvoice();
    const { invoice: sent, recipients, userErrors } = await send({ id: invoice.id, message: 'Thanks for your business.' });
    expect(userErrors).toEqual([]);
    expect(recipients).toEqual([CUSTOMER]);
    expect(sent).toMatchObject({ id: invoice.id, status: 'SENT', viewedAt: null });
    expect(sent.sentAt).not.toBeNull();

    const mail = await waitForEmail(cell, CUSTOMER, { subject: `Invoice ${invoice.number}` });
    const organization = (await ok(cell, owner, '{ organization { name } }')).organization.name;
    expect(mail.subject).toBe(`Invoice ${invoice.number} from ${organization}`);
    expect(mail.text).toContain('Thanks for your business.');
    expect(mail.text).toContain('€188.59'); // 160.07 + 19% of 150.08, rounded half up once
    expect(mail.text).toMatch(/\/invoice\?token=cgi_/);
    expect(mail.token).toMatch(/^cgi_[A-Za-z0-9_-]{43}$/);

    const { pdf } = (await ok(cell, owner, FILE, { id: invoice.id })).invoice;
    expect(pdf).toMatchObject({ name: `Invoice ${invoice.number}.pdf`, contentType: 'application/pdf', aboutId: invoice.id });
    const bytes = Buffer.from(await (await fetch(pdf.downloadUrl)).arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(pdf.size);
    const text = pdfText(bytes);
    expect(text).toContain(`Invoice ${invoice.number}`);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Design');
    expect(text).toContain('150.08'); // 1.5 × 100.05, rounded half up once

    const [event] = await eventsOf(invoice.id, 'invoice.sent');
    expect(event.data).toMatchObject({ from: 'draft', number: invoice.number, recipients: [CUSTOMER] });
    // The token is stored only as its hash.
    const stored = await withClient(cell.database.url, async (db) => (await db.query('SELECT token_hash FROM finance.invoice_deliveries')).rows);
    expect(JSON.stringify(stored)).not.toContain(mail.token);
  });

  it('the public page by token shows what the customer owes, needs no sign-in, and marks the invoice VIEWED exactly once', async () => {
    const invoice = await createInvoice();
    await send({ id: invoice.id, to: ['billing@customer.test'] });
    const { token } = await waitForEmail(cell, 'billing@customer.test');

    const first = await cell.gql(PUBLIC, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.publicInvoice).toMatchObject({
      number: invoice.number,
      status: 'VIEWED',
      customerName: 'Ada Lovelace',
      currencyCode: 'EUR',
      payable: true,
      lines: [
        { description: 'Design', quantity: '1.5', taxRate: '19', unitPrice: { amount: '100.05' }, amount: { amount: '150.08' } },
        { description: 'Hosting', quantity: '1', taxRate: '0', unitPrice: { amount: '9.99' }, amount: { amount: '9.99' } },
      ],
      subtotal: { amount: '160.07' },
      taxTotal: { amount: '28.52' },
      total: { amount: '188.59', currencyCode: 'EUR' },
      amountPaid: { amount: '0.00' },
      amountDue: { amount: '188.59' },
    });
    expect(first.data!.publicInvoice.organizationName).toBe((await ok(cell, owner, '{ organization { name } }')).organization.name);
    const second = await cell.gql(PUBLIC, { token });
    expect(second.data!.publicInvoice.status).toBe('VIEWED');
    await Promise.all([cell.gql(PUBLIC, { token }), cell.gql(PUBLIC, { token })]);

    expect(await eventsOf(invoice.id, 'invoice.viewed')).toHaveLength(1);
    const read = (await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status viewedAt } }', { id: invoice.id })).invoice;
    expect(read.status).toBe('VIEWED');
    expect(read.viewedAt).not.toBeNull();
  });

  it('refuses an invalid or expired token with INVOICE_TOKEN_INVALID', async () => {
    const codeOf = async (token: string) => (await cell.gql(PUBLIC, { token })).errors?.[0]?.extensions?.code;
    expect(await codeOf('nonsense')).toBe('INVOICE_TOKEN_INVALID');
    expect(await codeOf(`cgi_${Buffer.alloc(32, 7).toString('base64url')}`)).toBe('INVOICE_TOKEN_INVALID');

    const invoice = await createInvoice();
    await send({ id: invoice.id, to: ['expired@customer.test'] });
    const { token } = await waitForEmail(cell, 'expired@customer.test');
    await withClient(cell.database.url, (db) =>
      db.query(`UPDATE finance.invoice_deliveries SET expires_at = now() - interval '1 second' WHERE invoice_id = $1`, [uuid(invoice.id)]),
    );
    expect(await codeOf(token)).toBe('INVOICE_TOKEN_INVALID');
    expect((await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status } }', { id: invoice.id })).invoice.status).toBe('SENT');
  });

  it('refuses to send a draft without lines, one totalling zero, and a VOID invoice, with coded userErrors', async () => {
    const empty = await createInvoice([]);
    expect(await refused(cell, owner, 'invoiceSend', { id: empty.id })).toEqual(['INVOICE_NO_LINES']);
    const free = await createInvoice([{ description: 'Gift', unitPrice: '0' }]);
    expect(await refused(cell, owner, 'invoiceSend', { id: free.id })).toEqual(['INVOICE_ZERO_TOTAL']);
    const voided = await createInvoice();
    expect((await mutate(cell, owner, 'invoiceVoid', { id: voided.id }, 'invoice { status }')).invoice.status).toBe('VOID');
    expect(await refused(cell, owner, 'invoiceSend', { id: voided.id })).toEqual(['INVOICE_NOT_SENDABLE']);
    expect(await refused(cell, owner, 'invoiceSend', { id: empty.id, to: ['not an address'] })).toEqual(['INVOICE_INVALID_INPUT']);
    const noEmail = (await mutate(cell, owner, 'contactCreate', { firstName: 'Bob' }, 'contact { id }')).contact.id;
    const unreachable = await createInvoice(LINES, owner, noEmail);
    expect(await refused(cell, owner, 'invoiceSend', { id: unreachable.id })).toEqual(['INVOICE_NO_RECIPIENT']);
    const statuses = await ok(cell, owner, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Invoice { status } } }', {
      ids: [empty.id, free.id, unreachable.id],
    });
    expect(statuses.nodes.map((node: { status: string }) => node.status)).toEqual(['DRAFT', 'DRAFT', 'DRAFT']);
  });

  it('is idempotent on its key (one e-mail, one PDF), and a re-send of a SENT invoice mails again without changing its status', async () => {
    const invoice = await createInvoice();
    const input = { id: invoice.id, to: ['twice@customer.test'], idempotencyKey: `send-${invoice.id}` };
    const [first, second] = await Promise.all([send(input), send(input)]);
    expect(first.userErrors).toEqual([]);
    expect(second).toEqual(first);
    const third = await send(input);
    expect(third).toEqual(first);
    await waitForEmail(cell, 'twice@customer.test');
    await waitUntilSettled(cell);
    expect(mailsTo('twice@customer.test')).toHaveLength(1);
    expect(await eventsOf(invoice.id, 'invoice.sent')).toHaveLength(1);
    const deliveries = await withClient(
      cell.database.url,
      async (db) => (await db.query('SELECT count(*)::int AS n FROM finance.invoice_deliveries WHERE invoice_id = $1', [uuid(invoice.id)])).rows[0].n,
    );
    expect(deliveries).toBe(1);

    const again = await send({ id: invoice.id, to: ['twice@customer.test'], message: 'A reminder' });
    expect(again.userErrors).toEqual([]);
    expect(again.invoice.status).toBe('SENT');
    expect(again.invoice.sentAt).toBe(first.invoice.sentAt);
    await waitForEmail(cell, 'twice@customer.test', { index: 1 });
    const sentEvents = await eventsOf(invoice.id, 'invoice.sent');
    expect(sentEvents.map((event) => event.data.resent ?? false)).toEqual([false, true]);
    expect(await refused(cell, owner, 'invoiceSend', { ...input, message: 'other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('renders a preview PDF of a draft (invoicePdf) without sending it', async () => {
    const invoice = await createInvoice();
    const { file, userErrors } = await mutate(cell, owner, 'invoicePdf', { id: invoice.id }, 'file { id }');
    expect(userErrors).toEqual([]);
    const stored = (await ok(cell, owner, 'query($id: ID!) { file(id: $id) { name downloadUrl } }', { id: file.id })).file;
    expect(stored.name).toBe(`Invoice ${invoice.number}.pdf`);
    const bytes = Buffer.from(await (await fetch(stored.downloadUrl)).arrayBuffer());
    expect(pdfText(bytes)).toContain(invoice.number);
    const read = (await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status pdf { id } } }', { id: invoice.id })).invoice;
    expect(read).toEqual({ status: 'DRAFT', pdf: null });
  });

  it("refuses a guest without finance access and another organization's member: the invoice is not found, nothing is sent", async () => {
    const invoice = await createInvoice();
    for (const who of [guest, stranger]) {
      expect(await refused(cell, who, 'invoiceSend', { id: invoice.id, to: ['leak@customer.test'] })).toEqual(['INVOICE_NOT_FOUND']);
      expect(await refused(cell, who, 'invoicePdf', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    }
    // The stranger's own invoices are theirs alone.
    const strangerContact = (await mutate(cell, stranger, 'contactCreate', { firstName: 'Cy', email: 'cy@other.test' }, 'contact { id }')).contact.id;
    const theirs = await createInvoice(LINES, stranger, strangerContact);
    expect(await refused(cell, owner, 'invoiceSend', { id: theirs.id })).toEqual(['INVOICE_NOT_FOUND']);
    await waitUntilSettled(cell);
    expect(mailsTo('leak@customer.test')).toEqual([]);
    expect((await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { status } }', { id: invoice.id })).invoice.status).toBe('DRAFT');
  });

  it('rate-limits an address that presents too many bad tokens', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 14; i += 1)
      codes.push((await cell.gql(PUBLIC, { token: `cgi_${Buffer.alloc(32, 100 + i).toString('base64url')}` })).errors![0]!.extensions!.code as string);
    expect(codes).toContain('INVOICE_TOKEN_INVALID');
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});
