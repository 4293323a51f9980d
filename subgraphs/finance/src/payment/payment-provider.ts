/*
 * The payment provider, in Stripe's shape: a payment intent per attempt to collect an amount
 * (created with an idempotency key, paid by the customer on the provider's page with the intent's
 * client secret), refunds of a succeeded intent, processing fees, and webhook events signed with a
 * shared secret (`Stripe-Signature: t=…,v1=…`). Amounts cross this interface in minor units
 * (integers, as Stripe's API), converted exactly from and to the ledger's decimals.
 */

export type IntentStatus = 'requires_payment_method' | 'processing' | 'succeeded' | 'canceled';
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface IntentMetadata {
  orgId: string;
  invoiceId: string;
}

/** A refund of an intent, as the provider reports it. */
export interface ProviderRefund {
  id: string;
  /** Minor units. */
  amount: number;
  status: RefundStatus;
}

/** An intent as the provider knows it now (every webhook event carries this snapshot). */
export interface PaymentIntent {
  id: string;
  /** Minor units. */
  amount: number;
  /** Lower-case ISO code, as Stripe writes it. */
  currency: string;
  status: IntentStatus;
  metadata: IntentMetadata;
  /** The processing fee of a succeeded intent (minor units), else 0. */
  fee: number;
  /** Why the last attempt failed (declined card), if it did. */
  lastPaymentError: string | null;
  refunds: ProviderRefund[];
}

export interface IntentDraft {
  /** Minor units. */
  amount: number;
  currency: string;
  metadata: IntentMetadata;
  idempotencyKey: string;
  returnUrl?: string | null;
}

export interface CreatedIntent {
  id: string;
  clientSecret: string;
  /** The provider's hosted page where the customer pays it. */
  paymentUrl: string;
}

export type PaymentEventType = 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'payment_intent.canceled' | 'charge.refunded';

/** A verified webhook event: its id (a replay carries the same), its type and the intent's snapshot. */
export interface PaymentEvent {
  id: string;
  type: PaymentEventType;
  created: number;
  intent: PaymentIntent;
}

export interface PaymentProvider {
  readonly name: string;
  /**
   * Creates an intent; the same idempotency key answers the same intent (Stripe's semantics).
   * `returnUrl`: where the hosted page sends the customer back (Stripe's `return_url`); it may hold
   * a credential (the public invoice link), so the provider keeps it out of events and logs.
   */
  createPaymentIntent(draft: IntentDraft): Promise<CreatedIntent>;
  retrievePaymentIntent(id: string): Promise<PaymentIntent | null>;
  /** Cancels an intent not paid yet (its page stops taking payments). */
  cancelPaymentIntent(id: string): Promise<void>;
  /** Refunds part or all of a succeeded intent; answers the refund's id (the webhook confirms it). */
  refund(draft: { paymentIntentId: string; amount: number; idempotencyKey: string }): Promise<string>;
  /** The event of a webhook call, or null when its signature does not verify (forged, altered, too old). */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | undefined>): PaymentEvent | null;
}
