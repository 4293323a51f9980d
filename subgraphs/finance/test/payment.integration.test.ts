import { signWebhook, toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { InvoiceStatus } from '../src/invoice/invoice-status.js';
import { PAYMENT_SIGNATURE_HEADER, paymentEventBody, TEST_CARD_DECLINED, TEST_CARD_SUCCEEDS } from '../src/payment/local-payment-provider.js';
import type { PaymentEventType, PaymentIntent } from '../src/payment/payment-provider.js';
import { createContact, financeOf, invite, moveInvoice, mutate, ok, refused, startBillingCell, subgraphRequest, uuid } from './finance-cell.js';

/*
 * Payments in cell `billing`, end to end through its gateway, as the organization's owner: card
 * payments on the simulator's hosted page with its signed webhooks (over real HTTP), manual
 * payments, refunds, credit notes, the ledger, and webhooks duplicated, reordered and forged.
 */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let guest: TestUser;
let contact: string;

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  guest = await invite(cell, owner, 'guest@payments.test', 'GUEST');
  contact = await createContact(cell, owner, 'Ada');
});
afterAll(async () => {
  await cell?.stop();
});

const hooksUrl = () => cell.gatewayUrl.replace(/\/graphql$/, '/hooks/finance');
const INVOICE = `id status amountPaid { amount } amountDue { amount } total { amount }`;
const PAYMENT = `id type direction method status provider providerPaymentId providerRefundId reference description failureMessage paidAt
  amount { amount currencyCode } fee { amount } net { amount } refundOf { id } invoice { id } contact { id }`;

/**
 * An issued (SENT) invoice of `total` USD, moved to SENT through the invoices service's one
 * transition (sending itself — PDF, e-mail — is invoice-send's test).
 */
async function sentInvoice(total: string, who = owner, customer = contact): Promise<string> {
  const { invoice } = await mutate(cell, who, 'invoiceCreate', { contactId: customer, lines: [{ description: 'Work', unitPrice: total }] }, 'invoice { id }');
  await moveInvoice(cell, invoice.id, who.organizationId, InvoiceStatus.SENT);
  return invoice.id;
}

const readInvoice = async (id: string) => (await ok(cell, owner, `query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, { id })).invoice;
const readPayment = async (id: string, who = owner) => (await ok(cell, who, `query($id: ID!) { payment(id: $id) { ${PAYMENT} } }`, { id })).payment;
const ledgerOf = async (invoiceId: string) =>
  (
    await ok(cell, owner, `query($id: ID!) { invoice(id: $id) { payments(orderBy: [{ field: CREATED_AT }]) { totalCount nodes { ${PAYMENT} } } } }`, {
      id: invoiceId,
    })
  ).invoice.payments;
const pay = (invoiceId: string, idempotencyKey?: string) =>
  mutate(cell, owner, 'invoicePay', { invoiceId, idempotencyKey }, `payment { ${PAYMENT} } clientSecret paymentUrl`);
const record = (invoiceId: string, amount: string, extra: Record<string, unknown> = {}) =>
  mutate(
    cell,
    owner,
    'paymentRecord',
    { invoiceId, amount, method: 'CHECK', reference: 'CHK-1001', ...extra },
    `payment { ${PAYMENT} } invoice { ${INVOICE} }`,
  );
const refund = (paymentId: string, amount?: string) =>
  mutate(cell, owner, 'paymentRefund', { paymentId, amount, reason: 'Goodwill' }, `refund { ${PAYMENT} } payment { status } invoice { ${INVOICE} }`);
const events = (type: string) =>
  withClient(cell.database.url, async (db) => (await db.query('SELECT subject_id, data FROM finance.outbox WHERE type = $1 ORDER BY id', [type])).rows);
const ledgerRows = () => withClient(cell.database.url, async (db) => Number((await db.query('SELECT count(*) FROM finance.payments')).rows[0].count));

/** Submits `card` on the hosted page of `paymentUrl`, as the customer's browser does. */
const submitCard = (paymentUrl: string, card: string) =>
  fetch(paymentUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card }).toString() });

/** Posts a webhook event as the provider would, signed with `secret` (default: the cell's) at `timestamp`. */
async function webhook(body: Buffer, options: { secret?: string; timestamp?: number } = {}) {
  const signature = signWebhook(options.secret ?? cell.keys.paymentWebhookSecret, body, options.timestamp);
  const response = await fetch(`${hooksUrl()}/payments/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PAYMENT_SIGNATURE_HEADER]: signature },
    body,
  });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

/** The provider's snapshot of an intent, with changes (what the simulator would report after them). */
async function snapshot(intentId: string, changes: Partial<PaymentIntent>): Promise<PaymentIntent> {
  return { ...(await financeOf(cell).paymentProvider.retrievePaymentIntent(intentId))!, ...changes };
}
const event = (type: PaymentEventType, intent: PaymentIntent, id?: string) => paymentEventBody(type, intent, id);

describe('card payments through the simulator', () => {
  let paidInvoice: string;
  let cardPayment: string;

  it('invoicePay → hosted page → test card → signed webhook: the invoice is PAID, the payment COMPLETED with its fee', async () => {
    paidInvoice = await sentInvoice('100.00');
    const first = await pay(paidInvoice, 'pay-once');
    expect(first.userErrors).toEqual([]);
    expect(first.payment).toMatchObject({
      type: 'PAYMENT',
      direction: 'INBOUND',
      method: 'CARD',
      status: 'PENDING',
      provider: 'local',
      amount: { amount: '100.00' },
    });
    expect(first.clientSecret).toMatch(/^pi_[0-9a-f]{24}_secret_/);
    expect(first.paymentUrl).toBe(`${hooksUrl()}/pay/${first.payment.providerPaymentId}?client_secret=${encodeURIComponent(first.clientSecret)}`);
    // The same idempotency key: the same payment and intent.
    const again = await pay(paidInvoice, 'pay-once');
    expect({ id: again.payment.id, secret: again.clientSecret }).toEqual({ id: first.payment.id, secret: first.clientSecret });
    cardPayment = first.payment.id;

    const page = await fetch(first.paymentUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('100.00 USD');
    expect((await fetch(first.paymentUrl.replace(/client_secret=.*/, 'client_secret=wrong'))).status).toBe(404);
    expect((await submitCard(first.paymentUrl, '1234')).status).toBe(400);

    const paid = await submitCard(first.paymentUrl, TEST_CARD_SUCCEEDS);
    expect(paid.status).toBe(200);
    await expect.poll(async () => (await readInvoice(paidInvoice)).status, { timeout: 20_000 }).toBe('PAID');
    expect(await readInvoice(paidInvoice)).toMatchObject({ amountPaid: { amount: '100.00' }, amountDue: { amount: '0.00' } });
    expect(await readPayment(cardPayment)).toMatchObject({
      status: 'COMPLETED',
      amount: { amount: '100.00', currencyCode: 'USD' },
      fee: { amount: '3.20' },
      net: { amount: '96.80' },
      paidAt: expect.any(String),
      invoice: { id: paidInvoice },
      contact: { id: contact },
    });
    const received = (await events('payment.received')).filter((row) => row.subject_id === uuid(cardPayment));
    expect(received).toEqual([
      {
        subject_id: uuid(cardPayment),
        data: expect.objectContaining({
          invoiceId: uuid(paidInvoice),
          amount: '100.00',
          fee: '3.20',
          method: 'card',
          amountDue: '0.00',
          createdBy: uuid(owner.userId),
        }),
      },
    ]);
    // Notifications route it to the invoice's creator (the webhook has no actor to leave out).
    await waitUntilSettled(cell);
    const notified = await withClient(
      cell.database.url,
      async (db) =>
        (await db.query(`SELECT title FROM notifications.notifications WHERE recipient_id = $1 AND event_type = 'payment.received'`, [uuid(owner.userId)]))
          .rows,
    );
    expect(notified).toEqual([{ title: expect.stringMatching(/^Payment received for invoice INV-/) }]);
    // Paid: the page takes no second payment, and the invoice no new intent.
    expect((await fetch(first.paymentUrl)).status).toBe(409);
    expect((await pay(paidInvoice)).userErrors.map((e: { code: string }) => e.code)).toEqual(['PAYMENT_INVOICE_NOT_PAYABLE']);
  });

  it('refunds a card payment through the provider, partly then fully: its webhook completes each refund', async () => {
    const partial = await refund(cardPayment, '40.00');
    expect(partial.userErrors).toEqual([]);
    expect(partial.refund).toMatchObject({
      type: 'REFUND',
      direction: 'OUTBOUND',
      status: 'PENDING',
      amount: { amount: '40.00' },
      refundOf: { id: cardPayment },
    });
    expect(partial.refund.providerRefundId).toMatch(/^re_/);
    await expect.poll(async () => (await readPayment(partial.refund.id)).status, { timeout: 20_000 }).toBe('COMPLETED');
    expect(await readInvoice(paidInvoice)).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '60.00' }, amountDue: { amount: '40.00' } });

    expect((await refund(cardPayment, '60.01')).userErrors.map((e: { code: string }) => e.code)).toEqual(['PAYMENT_REFUND_EXCEEDS_PAID']);
    const rest = await refund(cardPayment);
    expect(rest.refund.amount.amount).toBe('60.00');
    await expect.poll(async () => (await readInvoice(paidInvoice)).status, { timeout: 20_000 }).toBe('REFUNDED');
    expect(await readInvoice(paidInvoice)).toMatchObject({ amountPaid: { amount: '0.00' } });
    expect((await readPayment(cardPayment)).status).toBe('REFUNDED');
    expect((await events('payment.refunded')).filter((row) => row.data.paymentId === uuid(cardPayment))).toHaveLength(2);
  });

  it('a declined card fails the payment (payment.failed), leaves the invoice unchanged, and the customer may pay again', async () => {
    const invoiceId = await sentInvoice('50.00');
    const { payment, paymentUrl } = await pay(invoiceId);
    const declined = await submitCard(paymentUrl, TEST_CARD_DECLINED);
    expect(declined.status).toBe(402);
    await expect.poll(async () => (await readPayment(payment.id)).status, { timeout: 20_000 }).toBe('FAILED');
    expect((await readPayment(payment.id)).failureMessage).toBe('Your card was declined.');
    expect(await readInvoice(invoiceId)).toMatchObject({ status: 'SENT', amountPaid: { amount: '0.00' }, amountDue: { amount: '50.00' } });
    expect((await events('payment.failed')).filter((row) => row.subject_id === uuid(payment.id))).toEqual([
      { subject_id: uuid(payment.id), data: expect.objectContaining({ invoiceId: uuid(invoiceId), amount: '50.00', reason: 'Your card was declined.' }) },
    ]);
    expect(await (await fetch(paymentUrl)).text()).toContain('Your card was declined.');
    expect((await submitCard(paymentUrl, TEST_CARD_SUCCEEDS)).status).toBe(200);
    await expect.poll(async () => (await readInvoice(invoiceId)).status, { timeout: 20_000 }).toBe('PAID');
    expect((await readPayment(payment.id)).status).toBe('COMPLETED');
  });
});

describe('webhooks', () => {
  it('a duplicated webhook (the same signed event, or re-signed) changes nothing; another event of the same success neither', async () => {
    const invoiceId = await sentInvoice('80.00');
    const { payment } = await pay(invoiceId);
    const body = event('payment_intent.succeeded', await snapshot(payment.providerPaymentId, { status: 'succeeded', fee: 262 }));
    const timestamp = Math.floor(Date.now() / 1000);
    expect(await webhook(body, { timestamp })).toEqual({ status: 200, body: { received: true, replayed: false } });
    expect(await webhook(body, { timestamp })).toEqual({ status: 200, body: { received: true, replayed: true } });
    expect(await webhook(body, { timestamp: timestamp - 10 })).toEqual({ status: 200, body: { received: true, replayed: true } });
    const another = event('payment_intent.succeeded', await snapshot(payment.providerPaymentId, { status: 'succeeded', fee: 262 }));
    expect((await webhook(another)).body).toEqual({ received: true, replayed: false });
    const ledger = await ledgerOf(invoiceId);
    expect(ledger.totalCount).toBe(1);
    expect(ledger.nodes[0]).toMatchObject({ status: 'COMPLETED', amount: { amount: '80.00' }, fee: { amount: '2.62' }, net: { amount: '77.38' } });
    expect(await readInvoice(invoiceId)).toMatchObject({ status: 'PAID', amountPaid: { amount: '80.00' } });
    expect((await events('payment.received')).filter((row) => row.subject_id === uuid(payment.id))).toHaveLength(1);
  });

  it('reordered webhooks end in the intent’s state: a refund before the success, a failure after it', async () => {
    const invoiceId = await sentInvoice('100.00');
    const { payment } = await pay(invoiceId);
    const intent = payment.providerPaymentId;
    const refunded = await snapshot(intent, { status: 'succeeded', fee: 320, refunds: [{ id: 're_dashboard1', amount: 2500, status: 'succeeded' }] });
    expect((await webhook(event('charge.refunded', refunded))).status).toBe(200);
    expect((await webhook(event('payment_intent.succeeded', await snapshot(intent, { status: 'succeeded', fee: 320 })))).status).toBe(200);
    const failedEarlier = await snapshot(intent, { status: 'requires_payment_method', lastPaymentError: 'Your card was declined.' });
    expect((await webhook(event('payment_intent.payment_failed', failedEarlier))).status).toBe(200);

    const ledger = await ledgerOf(invoiceId);
    expect(ledger.nodes.map((entry: { type: string; status: string; amount: { amount: string } }) => [entry.type, entry.status, entry.amount.amount])).toEqual([
      ['PAYMENT', 'COMPLETED', '100.00'],
      ['REFUND', 'COMPLETED', '25.00'],
    ]);
    expect(ledger.nodes[1]).toMatchObject({ providerRefundId: 're_dashboard1', refundOf: { id: payment.id } });
    expect(await readInvoice(invoiceId)).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '75.00' }, amountDue: { amount: '25.00' } });
    expect((await events('payment.failed')).filter((row) => row.subject_id === uuid(payment.id))).toEqual([]);
  });

  it('refuses a forged, altered or stale webhook with 401 and changes nothing', async () => {
    const invoiceId = await sentInvoice('20.00');
    const { payment } = await pay(invoiceId);
    const body = event('payment_intent.succeeded', await snapshot(payment.providerPaymentId, { status: 'succeeded', fee: 88 }));
    const before = await withClient(cell.database.url, async (db) =>
      Number((await db.query('SELECT count(*) FROM finance.payment_webhook_events')).rows[0].count),
    );
    expect((await webhook(body, { secret: 'not the secret, but long enough to pass the check' })).status).toBe(401);
    expect((await webhook(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const signature = signWebhook(cell.keys.paymentWebhookSecret, body);
    const altered = Buffer.from(body.toString().replace('"amount":2000', '"amount":1'));
    const tampered = await fetch(`${hooksUrl()}/payments/webhook`, { method: 'POST', headers: { [PAYMENT_SIGNATURE_HEADER]: signature }, body: altered });
    expect(tampered.status).toBe(401);
    expect((await fetch(`${hooksUrl()}/payments/webhook`, { method: 'POST', body })).status).toBe(401);
    // Straight to the subgraph, without the gateway's signature: refused before the hook runs.
    const direct = await fetch(`${cell.subgraphsUrl}/finance/hooks/payments/webhook`, {
      method: 'POST',
      headers: { [PAYMENT_SIGNATURE_HEADER]: signature },
      body,
    });
    expect(direct.status).toBe(401);
    expect((await readPayment(payment.id)).status).toBe('PENDING');
    expect(await readInvoice(invoiceId)).toMatchObject({ status: 'SENT', amountPaid: { amount: '0.00' } });
    const after = await withClient(cell.database.url, async (db) =>
      Number((await db.query('SELECT count(*) FROM finance.payment_webhook_events')).rows[0].count),
    );
    expect(after).toBe(before);
  });
});

describe('manual payments, refunds and credit notes', () => {
  it('records a partial payment (PARTIALLY_PAID), refuses more than is due, refunds partly then fully (REFUNDED)', async () => {
    const invoiceId = await sentInvoice('120.00');
    const partial = await record(invoiceId, '50', { idempotencyKey: 'check-1001' });
    expect(partial.userErrors).toEqual([]);
    expect(partial.payment).toMatchObject({
      type: 'PAYMENT',
      method: 'CHECK',
      status: 'COMPLETED',
      provider: 'manual',
      reference: 'CHK-1001',
      amount: { amount: '50.00' },
      fee: { amount: '0.00' },
    });
    expect(partial.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '50.00' }, amountDue: { amount: '70.00' } });
    expect((await record(invoiceId, '50', { idempotencyKey: 'check-1001' })).payment.id).toBe(partial.payment.id);
    expect(await refused(cell, owner, 'paymentRecord', { invoiceId, amount: '70.01', method: 'CASH' })).toEqual(['PAYMENT_EXCEEDS_AMOUNT_DUE']);
    expect(await refused(cell, owner, 'paymentRecord', { invoiceId, amount: '0', method: 'CASH' })).toEqual(['PAYMENT_INVALID_INPUT']);
    expect(await refused(cell, owner, 'paymentRecord', { invoiceId, amount: '1.001', method: 'CASH' })).toEqual(['PAYMENT_INVALID_INPUT']);
    const rest = await record(invoiceId, '70.00', { method: 'BANK_TRANSFER', reference: 'WIRE-77' });
    expect(rest.invoice).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00' } });

    const rows = await ledgerRows();
    const tooMuch = await refund(partial.payment.id, '50.01');
    expect(tooMuch).toMatchObject({ refund: null, userErrors: [{ code: 'PAYMENT_REFUND_EXCEEDS_PAID', field: ['input', 'amount'] }] });
    expect(await ledgerRows()).toBe(rows);

    const first = await refund(partial.payment.id, '20');
    expect(first.refund).toMatchObject({ status: 'COMPLETED', amount: { amount: '20.00' }, method: 'CHECK' });
    expect(first.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '100.00' } });
    expect((await refund(partial.payment.id, '30.01')).userErrors[0].code).toBe('PAYMENT_REFUND_EXCEEDS_PAID');
    const second = await refund(partial.payment.id);
    expect(second).toMatchObject({ refund: { amount: { amount: '30.00' } }, payment: { status: 'REFUNDED' } });
    expect((await refund(partial.payment.id, '1')).userErrors[0].code).toBe('PAYMENT_NOT_REFUNDABLE');
    const all = await refund(rest.payment.id);
    expect(all.invoice).toMatchObject({ status: 'REFUNDED', amountPaid: { amount: '0.00' }, amountDue: { amount: '120.00' } });
    expect(await refused(cell, owner, 'paymentRecord', { invoiceId, amount: '1', method: 'CASH' })).toEqual(['PAYMENT_INVOICE_NOT_PAYABLE']);
  });

  it('issues credit notes up to the amount due; they lower what is due', async () => {
    const invoiceId = await sentInvoice('100.00');
    const credit = await mutate(
      cell,
      owner,
      'creditNoteIssue',
      { invoiceId, amount: '30', reason: 'Late delivery' },
      `creditNote { ${PAYMENT} } invoice { ${INVOICE} }`,
    );
    expect(credit.userErrors).toEqual([]);
    expect(credit.creditNote).toMatchObject({
      type: 'CREDIT_NOTE',
      direction: 'OUTBOUND',
      method: null,
      status: 'COMPLETED',
      amount: { amount: '30.00' },
      description: 'Late delivery',
    });
    expect(credit.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '30.00' }, amountDue: { amount: '70.00' } });
    expect(await refused(cell, owner, 'creditNoteIssue', { invoiceId, amount: '70.01' })).toEqual(['PAYMENT_EXCEEDS_AMOUNT_DUE']);
    expect((await refund(credit.creditNote.id)).userErrors[0].code).toBe('PAYMENT_NOT_REFUNDABLE');
    const { invoice } = await record(invoiceId, '70');
    expect(invoice).toMatchObject({ status: 'PAID', amountDue: { amount: '0.00' } });
    expect(await events('credit_note.issued')).toContainEqual({
      subject_id: uuid(credit.creditNote.id),
      data: expect.objectContaining({ amount: '30.00', reason: 'Late delivery' }),
    });
  });

  it('takes only one of two parallel payments that together exceed the amount due (the invoice row serializes them)', async () => {
    const invoiceId = await sentInvoice('100.00');
    const results = await Promise.all([record(invoiceId, '60', { method: 'CASH' }), record(invoiceId, '60', { method: 'ACH' })]);
    const codes = results.map((result) => result.userErrors.map((e: { code: string }) => e.code).join());
    expect(codes.toSorted()).toEqual(['', 'PAYMENT_EXCEEDS_AMOUNT_DUE']);
    expect(await readInvoice(invoiceId)).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: { amount: '60.00' }, amountDue: { amount: '40.00' } });
    expect((await ledgerOf(invoiceId)).totalCount).toBe(1);
  });

  it('refuses to take payments on a draft, and invoicePay on an unknown invoice', async () => {
    const { invoice } = await mutate(cell, owner, 'invoiceCreate', { contactId: contact, lines: [{ description: 'Draft', unitPrice: '5' }] }, 'invoice { id }');
    expect((await pay(invoice.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['PAYMENT_INVOICE_NOT_PAYABLE']);
    expect(await refused(cell, owner, 'creditNoteIssue', { invoiceId: invoice.id, amount: '1' })).toEqual(['PAYMENT_INVOICE_NOT_PAYABLE']);
    expect((await pay(toGlobalId('Invoice', uuidv7()))).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVOICE_NOT_FOUND']);
  });
});

describe('the ledger', () => {
  it('lists payments with filters (invoice, contact, type, status, method, dates) and ordering', async () => {
    const customer = await createContact(cell, owner, 'Bea');
    const invoiceId = await sentInvoice('90.00', owner, customer);
    const small = (await record(invoiceId, '10', { method: 'CASH' })).payment;
    const large = (await record(invoiceId, '30', { method: 'CHECK' })).payment;
    await refund(small.id, '5');
    const query = `query($filter: PaymentFilter, $orderBy: [PaymentOrder!]) { payments(filter: $filter, orderBy: $orderBy) { totalCount nodes { id type amount { amount } } } }`;
    const list = async (filter: Record<string, unknown>, orderBy?: unknown) => (await ok(cell, owner, query, { filter, orderBy })).payments;
    expect((await list({ contact: { eq: customer } })).totalCount).toBe(3);
    expect(
      (await list({ invoice: { eq: invoiceId }, type: { eq: 'PAYMENT' } }, [{ field: 'AMOUNT', direction: 'DESC' }])).nodes.map((n: { id: string }) => n.id),
    ).toEqual([large.id, small.id]);
    expect((await list({ contact: { eq: customer }, type: { eq: 'REFUND' } })).nodes).toMatchObject([{ type: 'REFUND', amount: { amount: '5.00' } }]);
    expect((await list({ contact: { eq: customer }, method: { in: ['CASH'] } })).totalCount).toBe(2);
    expect(
      (await list({ contact: { eq: customer }, status: { eq: 'COMPLETED' }, paidAt: { gte: new Date(Date.now() - 3_600_000).toISOString() } })).totalCount,
    ).toBe(3);
    expect((await list({ contact: { eq: customer }, paidAt: { lt: '2000-01-01T00:00:00Z' } })).totalCount).toBe(0);
  });
});

describe('_entities, tenancy and permissions', () => {
  it('resolves a payment by reference, and null for an unknown id or another organization’s', async () => {
    const mine = (await record(await sentInvoice('10.00'), '10')).payment;
    const theirs = (
      await mutate(
        cell,
        stranger,
        'paymentRecord',
        { invoiceId: await sentInvoice('10.00', stranger, await createContact(cell, stranger)), amount: '10', method: 'CASH' },
        'payment { id }',
      )
    ).payment;
    const answer = await subgraphRequest(
      cell,
      'finance',
      owner,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id amount { amount } } } }',
      {
        r: [mine.id, toGlobalId('Payment', uuidv7()), theirs.id].map((id) => ({ __typename: 'Payment', id })),
      },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([{ id: mine.id, amount: { amount: '10.00' } }, null, null]);
    expect((await ok(cell, owner, 'query($id: ID!) { node(id: $id) { id ... on Payment { type } } }', { id: mine.id })).node).toEqual({
      id: mine.id,
      type: 'PAYMENT',
    });
  });

  it('keeps another organization from reading, listing, paying, refunding or crediting', async () => {
    const invoiceId = await sentInvoice('40.00');
    const payment = (await record(invoiceId, '10')).payment;
    expect(await readPayment(payment.id, stranger)).toBeNull();
    expect((await ok(cell, stranger, 'query($id: ID!) { payments(filter: { id: { eq: $id } }) { totalCount } }', { id: payment.id })).payments.totalCount).toBe(
      0,
    );
    expect(await refused(cell, stranger, 'paymentRecord', { invoiceId, amount: '1', method: 'CASH' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoicePay', { invoiceId })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'creditNoteIssue', { invoiceId, amount: '1' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'paymentRefund', { paymentId: payment.id })).toEqual(['PAYMENT_NOT_FOUND']);
    expect(await readInvoice(invoiceId)).toMatchObject({ amountPaid: { amount: '10.00' } });
  });

  it('refuses a guest the ledger and every payment operation', async () => {
    const invoiceId = await sentInvoice('40.00');
    const payment = (await record(invoiceId, '10')).payment;
    const read = await cell.gql('query($id: ID!) { payment(id: $id) { id } }', { id: payment.id }, guest.token);
    expect(read.data!.payment).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(cell, guest, '{ payments { totalCount } }')).payments.totalCount).toBe(0);
    expect(await refused(cell, guest, 'paymentRecord', { invoiceId, amount: '1', method: 'CASH' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, guest, 'invoicePay', { invoiceId })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, guest, 'paymentRefund', { paymentId: payment.id })).toEqual(['PAYMENT_NOT_FOUND']);
    expect(await readInvoice(invoiceId)).toMatchObject({ amountPaid: { amount: '10.00' } });
  });
});
