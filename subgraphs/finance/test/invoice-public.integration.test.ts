import { TEST_REDIS_URL, withClient } from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { TEST_CARD_SUCCEEDS } from '../src/payment/local-payment-provider.js';
import { financeOf, mutate, ok, pdfText, uuid } from './finance-cell.js';

/*
 * The customer's side of a sent invoice in cell `billing`, through its gateway and without an
 * account: paying it from its public page (publicInvoicePay → the simulator's hosted page → its
 * signed webhook → PAID) and downloading its PDF (GET /hooks/finance/invoices/pdf?token=…), both
 * with the e-mailed link's token as the only credential.
 */

let cell: TestCell;
let owner: TestUser;
let contact: string;
let redis: Redis;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'billing', env: { INVOICE_TOKEN_FAILURES_PER_ADDRESS: '100' } });
  redis = new Redis(TEST_REDIS_URL);
  owner = await cell.signUp('Owner');
  contact = (await mutate(cell, owner, 'contactCreate', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@public.test' }, 'contact { id }')).contact.id;
});
afterAll(async () => {
  redis?.disconnect();
  await cell?.stop();
});

const hooksUrl = () => cell.gatewayUrl.replace(/\/graphql$/, '/hooks/finance');
const pdfUrlOf = (token: string) => `${hooksUrl()}/invoices/pdf?token=${encodeURIComponent(token)}`;
const PAY = `mutation($token: String!, $idempotencyKey: String) { publicInvoicePay(token: $token, idempotencyKey: $idempotencyKey) {
  clientSecret paymentUrl amount { amount currencyCode } userErrors { code field message }
} }`;
const PUBLIC = 'query($token: String!) { publicInvoice(token: $token) { number status payable amountDue { amount } pdfUrl } }';
const INVOICE = 'query($id: ID!) { invoice(id: $id) { status viewedAt amountDue { amount } } }';
const LEDGER = `query($id: ID!) { invoice(id: $id) { payments { nodes {
  status method amount { amount } providerPaymentId initiatedByCustomer createdBy { id }
} } } }`;

/** The customer's call: no account (the token is the credential), or `as` (an API key, a user's token). */
const payAsCustomer = async (token: string, idempotencyKey?: string, as?: string) =>
  (await cell.gql(PAY, { token, idempotencyKey }, as)).data!.publicInvoicePay;
const codesOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((error) => error.code);
const readInvoice = async (id: string) => (await ok(cell, owner, INVOICE, { id })).invoice;
const ledgerRows = (invoiceId: string) =>
  withClient(
    cell.database.url,
    async (db) => (await db.query('SELECT delivery_id, created_by FROM finance.payments WHERE invoice_id = $1', [uuid(invoiceId)])).rows,
  );
const viewedEvents = (invoiceId: string) =>
  withClient(
    cell.database.url,
    async (db) =>
      (await db.query(`SELECT count(*)::int AS n FROM finance.outbox WHERE subject_id = $1 AND type = 'invoice.viewed'`, [uuid(invoiceId)])).rows[0].n,
  );
/** Bad tokens the throttle counted from the tests' address (the gateway signs it into hook requests too). */
const failuresCounted = async () => {
  const keys = await redis.keys(`${cell.keyPrefix}:finance:invoice-token-failures:*`);
  const counts = await Promise.all(keys.map(async (key) => Number(await redis.get(key))));
  return counts.reduce((sum, count) => sum + count, 0);
};

/** An invoice of 188.59 EUR e-mailed to `to`, and the token of its public link. */
async function sentInvoice(to: string): Promise<{ id: string; number: string; token: string }> {
  const lines = [
    { description: 'Design', quantity: '1.5', unitPrice: '100.05', taxRate: '19' },
    { description: 'Hosting', unitPrice: '9.99' },
  ];
  const { invoice } = await mutate(cell, owner, 'invoiceCreate', { contactId: contact, currencyCode: 'EUR', lines }, 'invoice { id number }');
  expect((await mutate(cell, owner, 'invoiceSend', { id: invoice.id, to: [to] }, 'invoice { status }')).userErrors).toEqual([]);
  const { token } = await waitForEmail(cell, to);
  return { ...invoice, token: token! };
}

describe('publicInvoicePay', () => {
  it('starts a card payment of the amount due without an account; the hosted page returns to the public page; its webhook makes it PAID', async () => {
    const invoice = await sentInvoice('pay@public.test');
    const started = await payAsCustomer(invoice.token, 'customer-pays-once');
    expect(started.userErrors).toEqual([]);
    expect(started.amount).toEqual({ amount: '188.59', currencyCode: 'EUR' });
    expect(started.paymentUrl).toMatch(new RegExp(`^${hooksUrl()}/pay/pi_[0-9a-f]{24}\\?client_secret=`));
    // The same key: the same intent (and one ledger row).
    const replay = await payAsCustomer(invoice.token, 'customer-pays-once');
    expect(replay).toEqual(started);
    expect(await ledgerRows(invoice.id)).toHaveLength(1);

    // The hosted page links back to the public page (the token is in that link only, not in the provider's events).
    const page = await (await fetch(started.paymentUrl)).text();
    expect(page).toContain('188.59 EUR');
    expect(page).toContain(`/invoice?token=${invoice.token}">Back to the invoice</a>`);
    const intentId = /\/pay\/(pi_[0-9a-f]{24})/.exec(started.paymentUrl)![1]!;
    expect(JSON.stringify(await financeOf(cell).paymentProvider.retrievePaymentIntent(intentId))).not.toContain(invoice.token);
    const paid = await fetch(started.paymentUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card: TEST_CARD_SUCCEEDS }).toString(),
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain(`/invoice?token=${invoice.token}">Return to the invoice</a>`);

    await expect.poll(async () => (await cell.gql(PUBLIC, { token: invoice.token })).data!.publicInvoice.status, { timeout: 20_000 }).toBe('PAID');
    expect((await cell.gql(PUBLIC, { token: invoice.token })).data!.publicInvoice).toMatchObject({ payable: false, amountDue: { amount: '0.00' } });
    // Recorded as the customer's: no user, the delivery whose link they paid through.
    const ledger = (await ok(cell, owner, LEDGER, { id: invoice.id })).invoice.payments.nodes;
    expect(ledger).toEqual([
      { status: 'COMPLETED', method: 'CARD', amount: { amount: '188.59' }, providerPaymentId: intentId, initiatedByCustomer: true, createdBy: null },
    ]);
    const [row] = await ledgerRows(invoice.id);
    expect(row).toMatchObject({ created_by: null, delivery_id: expect.any(String) });
    // A later replay of the key, or a new attempt, is refused: nothing is due.
    expect(codesOf(await payAsCustomer(invoice.token, 'customer-pays-once'))).toEqual(['PAYMENT_INVOICE_NOT_PAYABLE']);
  });

  it('refuses a malformed, unknown or expired token with INVOICE_TOKEN_INVALID, counted by the throttle, writing nothing', async () => {
    const invoice = await sentInvoice('expired@public.test');
    await withClient(cell.database.url, (db) =>
      db.query(`UPDATE finance.invoice_deliveries SET expires_at = now() - interval '1 second' WHERE invoice_id = $1`, [uuid(invoice.id)]),
    );
    const before = await failuresCounted();
    for (const token of ['nonsense', `cgi_${Buffer.alloc(32, 9).toString('base64url')}`, invoice.token]) {
      const refused = await payAsCustomer(token, 'bad-token');
      expect(refused).toMatchObject({ clientSecret: null, paymentUrl: null, userErrors: [{ code: 'INVOICE_TOKEN_INVALID', field: ['token'] }] });
    }
    expect(await failuresCounted()).toBe(before + 3);
    expect(await ledgerRows(invoice.id)).toEqual([]);
  });

  it('refuses a PAID or VOID invoice with PAYMENT_INVOICE_NOT_PAYABLE, and no intent is recorded', async () => {
    const settled = await sentInvoice('settled@public.test');
    const recorded = await mutate(cell, owner, 'paymentRecord', { invoiceId: settled.id, amount: '188.59', method: 'BANK_TRANSFER' }, 'invoice { status }');
    expect(recorded.invoice.status).toBe('PAID');
    const voided = await sentInvoice('voided@public.test');
    expect((await mutate(cell, owner, 'invoiceVoid', { id: voided.id }, 'invoice { status }')).invoice.status).toBe('VOID');
    for (const invoice of [settled, voided]) {
      const refused = await payAsCustomer(invoice.token, `not-payable-${invoice.id}`);
      expect(refused).toMatchObject({ paymentUrl: null, userErrors: [{ code: 'PAYMENT_INVOICE_NOT_PAYABLE', field: ['token'] }] });
    }
    expect(await ledgerRows(voided.id)).toEqual([]);
    expect(await ledgerRows(settled.id)).toEqual([{ delivery_id: null, created_by: uuid(owner.userId) }]);
  });

  it('refuses API keys, whatever their scopes, as publicInvoice does', async () => {
    const invoice = await sentInvoice('keyed@public.test');
    const created = await cell.gql(
      'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey } }',
      { input: { name: 'Finance key', scopes: ['finance:write', 'crm:read'] } },
      owner.token,
    );
    const key = created.data!.apiKeyCreate.plainKey as string;
    const byKey = await cell.gql(PAY, { token: invoice.token }, key);
    expect(byKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(byKey.data?.publicInvoicePay ?? null).toBeNull();
    expect((await cell.gql(PUBLIC, { token: invoice.token }, key)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ledgerRows(invoice.id)).toEqual([]);
    expect((await readInvoice(invoice.id)).status).toBe('SENT');
  });
});

describe('the public PDF route', () => {
  it('renders the invoice as it is now for a good token, inline and uncached, without marking it viewed', async () => {
    const invoice = await sentInvoice('pdf@public.test');
    await mutate(cell, owner, 'paymentRecord', { invoiceId: invoice.id, amount: '88.59', method: 'CHECK' }, 'payment { id }');
    const response = await fetch(pdfUrlOf(invoice.token));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="Invoice ${invoice.number}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain(`Invoice ${invoice.number}`);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('88.59'); // paid since it was sent
    expect(text).toContain('100.00'); // still due

    // Not a view: the invoice stays PARTIALLY_PAID without viewedAt, no invoice.viewed.
    expect(await readInvoice(invoice.id)).toMatchObject({ status: 'PARTIALLY_PAID', viewedAt: null });
    expect(await viewedEvents(invoice.id)).toBe(0);
    // The public page links to it.
    expect((await cell.gql(PUBLIC, { token: invoice.token })).data!.publicInvoice.pdfUrl).toBe(pdfUrlOf(invoice.token));
  });

  it('answers a bad, unknown or expired token with a bare 404, counted by the throttle', async () => {
    const invoice = await sentInvoice('pdf-expired@public.test');
    await withClient(cell.database.url, (db) =>
      db.query(`UPDATE finance.invoice_deliveries SET expires_at = now() - interval '1 second' WHERE invoice_id = $1`, [uuid(invoice.id)]),
    );
    const before = await failuresCounted();
    for (const url of [
      pdfUrlOf('nonsense'),
      pdfUrlOf(`cgi_${Buffer.alloc(32, 11).toString('base64url')}`),
      pdfUrlOf(invoice.token),
      `${hooksUrl()}/invoices/pdf`,
    ]) {
      const response = await fetch(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe('Not found');
    }
    expect(await failuresCounted()).toBe(before + 4);
    expect(await readInvoice(invoice.id)).toMatchObject({ status: 'SENT', viewedAt: null });
  });
});
