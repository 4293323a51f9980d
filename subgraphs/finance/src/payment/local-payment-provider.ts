import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currencyExponent, signWebhook, webhookSignatureValid, type Logger, type SubgraphDefinition } from '@cellgraph/kernel';
import { z } from 'zod';
import { cardFee, fromMinorUnits, toMinorUnits } from './payment-fees.js';
import type { CreatedIntent, IntentDraft, PaymentEvent, PaymentEventType, PaymentIntent, PaymentProvider } from './payment-provider.js';

/** Stripe's webhook signature header (the kernel's `t=…,v1=…` scheme is Stripe's). */
export const PAYMENT_SIGNATURE_HEADER = 'stripe-signature';

/** Stripe's test cards: this one is paid, that one declined; any other number is refused as invalid. */
export const TEST_CARD_SUCCEEDS = '4242424242424242';
export const TEST_CARD_DECLINED = '4000000000000002';

const refund = z.object({ id: z.string(), amount: z.number().int(), status: z.enum(['pending', 'succeeded', 'failed']) });
const intent = z.object({
  id: z.string(),
  amount: z.number().int().positive(),
  currency: z.string(),
  status: z.enum(['requires_payment_method', 'processing', 'succeeded', 'canceled']),
  metadata: z.object({ orgId: z.string(), invoiceId: z.string() }),
  fee: z.number().int(),
  lastPaymentError: z.string().nullable(),
  refunds: z.array(refund),
});
/** What the simulator keeps of an intent: the snapshot, the client secret's hash and where its page returns to (never in events). */
const storedIntent = intent.extend({ secretHash: z.string(), returnUrl: z.string().nullish() });
type StoredIntent = z.infer<typeof storedIntent>;

const eventBody = z.object({
  id: z.string(),
  object: z.literal('event'),
  type: z.enum(['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'charge.refunded']),
  created: z.number().int(),
  data: z.object({ object: intent }),
});

/** The raw body of a webhook event as the simulator sends it (Stripe's envelope: `data.object` is the intent). */
export function paymentEventBody(type: PaymentEventType, snapshot: PaymentIntent, id = `evt_${randomBytes(12).toString('hex')}`): Buffer {
  return Buffer.from(JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object: snapshot } }));
}

export interface LocalPaymentOptions {
  /** Where intents are kept (one JSON file each). */
  dir: string;
  /** The gateway's public base URL: the hosted page and the webhook are under its /hooks/finance. */
  publicUrl: string;
  secret: string;
  logger: Logger;
}

/** The router a subgraph's `hooks` receive. */
export type HookRouter = Parameters<NonNullable<SubgraphDefinition<unknown>['hooks']>>[0];

const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const INTENT_ID = /^pi_[0-9a-f]{24}$/;
/** Webhook delivery attempts (Stripe retries for days; the simulator a few times, backing off). */
const DELIVERY_ATTEMPTS = 5;

/**
 * The local payment provider: a real simulator of Stripe's payment intents. It keeps intents on
 * disk, serves a hosted payment page through the gateway (`/hooks/finance/pay/<intent>?client_secret=…`)
 * that takes Stripe's test cards, charges Stripe's fee on success, refunds, and reports every
 * change to the webhook (`/hooks/finance/payments/webhook`) over HTTP with a Stripe-Signature.
 */
export class LocalPaymentProvider implements PaymentProvider {
  readonly name = 'local';

  constructor(private readonly options: LocalPaymentOptions) {
    mkdirSync(options.dir, { recursive: true });
  }

  async createPaymentIntent(draft: IntentDraft): Promise<CreatedIntent> {
    const keyFile = join(this.options.dir, `key-${hash(draft.idempotencyKey)}.json`);
    const known = this.readJson(keyFile) as { id: string; clientSecret: string } | null;
    if (known) return { ...known, paymentUrl: this.pageUrl(known.id, known.clientSecret) };
    const id = `pi_${randomBytes(12).toString('hex')}`;
    const clientSecret = `${id}_secret_${randomBytes(16).toString('base64url')}`;
    this.write({
      id,
      amount: draft.amount,
      currency: draft.currency.toLowerCase(),
      status: 'requires_payment_method',
      metadata: draft.metadata,
      fee: 0,
      lastPaymentError: null,
      refunds: [],
      secretHash: hash(clientSecret),
      returnUrl: draft.returnUrl ?? null,
    });
    this.writeJson(keyFile, { id, clientSecret });
    return { id, clientSecret, paymentUrl: this.pageUrl(id, clientSecret) };
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntent | null> {
    const stored = this.read(id);
    return stored ? snapshotOf(stored) : null;
  }

  async cancelPaymentIntent(id: string): Promise<void> {
    const stored = this.read(id);
    if (!stored || stored.status === 'succeeded' || stored.status === 'canceled') return;
    stored.status = 'canceled';
    this.write(stored);
    this.deliverLater('payment_intent.canceled', stored);
  }

  async refund(draft: { paymentIntentId: string; amount: number; idempotencyKey: string }): Promise<string> {
    const stored = this.read(draft.paymentIntentId);
    if (!stored || stored.status !== 'succeeded') throw new Error(`Payment intent ${draft.paymentIntentId} has not succeeded: nothing to refund`);
    const id = `re_${hash(`${stored.id}:${draft.idempotencyKey}`).slice(0, 24)}`;
    if (stored.refunds.some((each) => each.id === id)) return id; // a retry of the same refund
    const refunded = stored.refunds.filter((each) => each.status !== 'failed').reduce((sum, each) => sum + each.amount, 0);
    if (draft.amount <= 0 || refunded + draft.amount > stored.amount) throw new Error('A refund cannot exceed what the intent charged and has not refunded');
    stored.refunds.push({ id, amount: draft.amount, status: 'succeeded' });
    this.write(stored);
    // Confirmed by webhook, after the caller recorded the refund (as Stripe sends it asynchronously).
    this.deliverLater('charge.refunded', stored);
    return id;
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): PaymentEvent | null {
    if (!webhookSignatureValid(this.options.secret, rawBody, headers[PAYMENT_SIGNATURE_HEADER])) return null;
    const body = eventBody.parse(JSON.parse(rawBody.toString('utf8')));
    return { id: body.id, type: body.type, created: body.created, intent: body.data.object };
  }

  /** The hosted payment page, mounted on finance's hooks. */
  mountPaymentPage(router: HookRouter): void {
    router.get('/pay/:intent', (req, res) => {
      const found = this.payable(req.params.intent, String(req.query.client_secret ?? ''));
      if ('refusal' in found) return void res.status(found.status).type('text/plain').send(found.refusal);
      res.type('text/html').set('Cache-Control', 'no-store').send(page(found, null));
    });
    router.post('/pay/:intent', async (req, res) => {
      const found = this.payable(req.params.intent, String(req.query.client_secret ?? ''));
      if ('refusal' in found) return void res.status(found.status).type('text/plain').send(found.refusal);
      const card = (new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '').get('card') ?? '').replace(/\s+/g, '');
      if (card !== TEST_CARD_SUCCEEDS && card !== TEST_CARD_DECLINED) {
        return void res.status(400).type('text/html').send(page(found, 'This card number is not valid. Use a test card.'));
      }
      const succeeded = card === TEST_CARD_SUCCEEDS;
      if (succeeded) {
        found.status = 'succeeded';
        found.fee = toMinorUnits(cardFee(fromMinorUnits(found.amount, exponentOf(found)), exponentOf(found)), exponentOf(found));
        found.lastPaymentError = null;
      } else {
        found.lastPaymentError = 'Your card was declined.';
      }
      this.write(found);
      const delivered = await this.deliver(succeeded ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', found);
      const message = succeeded ? 'Payment succeeded. Thank you.' : 'Your card was declined. Try another card.';
      res
        .status(succeeded ? 200 : 402)
        .type('text/html')
        .send(
          `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><p>${message}${delivered ? '' : ' (The merchant will be told shortly.)'}</p>` +
            `${returnLink(found, succeeded ? 'Return to the invoice' : 'Back to the invoice')}</body></html>`,
        );
    });
  }

  private pageUrl(id: string, clientSecret: string): string {
    return `${this.options.publicUrl}/hooks/finance/pay/${id}?client_secret=${encodeURIComponent(clientSecret)}`;
  }

  private payable(id: string, clientSecret: string): StoredIntent | { refusal: string; status: number } {
    const stored = INTENT_ID.test(id) ? this.read(id) : null;
    const valid = stored && clientSecret && timingSafeEqual(Buffer.from(hash(clientSecret)), Buffer.from(stored.secretHash));
    if (!stored || !valid) return { refusal: 'This payment link is not valid.', status: 404 };
    if (stored.status === 'succeeded') return { refusal: 'This payment is already paid.', status: 409 };
    if (stored.status === 'canceled') return { refusal: 'This payment was cancelled.', status: 410 };
    return stored;
  }

  /** Delivers the event in the background, after the caller's transaction (as Stripe does). */
  private deliverLater(type: PaymentEventType, stored: StoredIntent): void {
    setImmediate(() => void this.deliver(type, stored));
  }

  /** Posts a signed event to the webhook, retrying with backoff while it is not accepted; whether it was. */
  private async deliver(type: PaymentEventType, stored: StoredIntent): Promise<boolean> {
    const body = paymentEventBody(type, snapshotOf(stored), `evt_${randomUUID().replaceAll('-', '')}`);
    for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
      try {
        const response = await fetch(`${this.options.publicUrl}/hooks/finance/payments/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [PAYMENT_SIGNATURE_HEADER]: signWebhook(this.options.secret, body) },
          body,
        });
        if (response.ok) return true;
        this.options.logger.warn({ status: response.status, intent: stored.id, type, attempt }, 'payment webhook refused');
      } catch (error) {
        this.options.logger.warn({ err: error, intent: stored.id, type, attempt }, 'payment webhook not delivered');
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
    return false;
  }

  private read(id: string): StoredIntent | null {
    const json = this.readJson(join(this.options.dir, `${id}.json`));
    const parsed = storedIntent.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  private write(stored: StoredIntent): void {
    this.writeJson(join(this.options.dir, `${stored.id}.json`), stored);
  }

  private readJson(file: string): unknown {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return null;
    }
  }

  private writeJson(file: string, value: unknown): void {
    writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}

const exponentOf = (stored: StoredIntent) => currencyExponent(stored.currency.toUpperCase());

function snapshotOf(stored: StoredIntent): PaymentIntent {
  const { secretHash: _secret, returnUrl: _returnUrl, ...snapshot } = stored;
  return { ...snapshot, refunds: snapshot.refunds.map((each) => ({ ...each })) };
}

function page(stored: StoredIntent, error: string | null): string {
  const amount = `${fromMinorUnits(stored.amount, exponentOf(stored))} ${stored.currency.toUpperCase()}`;
  const declined = stored.lastPaymentError ? `<p role="alert">${escapeHtml(stored.lastPaymentError)}</p>` : '';
  return (
    // No icon: the browser would ask the gateway's root for /favicon.ico.
    `<!doctype html><html><head><title>Pay ${escapeHtml(amount)}</title><link rel="icon" href="data:,"></head><body>` +
    `<h1>Pay <span data-amount>${escapeHtml(amount)}</span></h1>` +
    (error ? `<p role="alert">${escapeHtml(error)}</p>` : declined) +
    `<p>Test mode: card ${TEST_CARD_SUCCEEDS} is paid, ${TEST_CARD_DECLINED} is declined.</p>` +
    `<form method="post"><label>Card number <input name="card" inputmode="numeric" autocomplete="cc-number"></label>` +
    `<button type="submit">Pay ${escapeHtml(amount)}</button></form>${returnLink(stored, 'Back to the invoice')}</body></html>`
  );
}

/** A link back to where the payment was started (the intent's return URL), if it has one. */
function returnLink(stored: StoredIntent, label: string): string {
  return stored.returnUrl ? `<p><a href="${escapeHtml(stored.returnUrl)}">${label}</a></p>` : '';
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
