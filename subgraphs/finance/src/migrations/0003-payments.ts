import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Payments: the ledger of what was received, refunded and credited against invoices (the spec's
 * `payments` table), and the provider's webhook events already handled (idempotency on the
 * provider's event id).
 *
 * One table for the three kinds (`type`): a payment (inbound money), a refund (outbound money,
 * `refund_of` names the payment it returns) and a credit note (no money moves: it lowers what is
 * due). Money columns are numeric(19,4) like the invoices'; `net` is generated (amount − fee).
 * A card payment is one row per provider payment intent (`provider_payment_id`), created pending by
 * `invoicePay` and moved by the provider's webhooks; a card refund's row carries the provider's
 * refund id (`provider_refund_id`).
 */
export const payments: Migration = {
  id: '0003-payments',
  sql:
    `
CREATE TABLE finance.payments (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('payment', 'refund', 'credit_note')),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  method text CHECK (method IN ('card', 'bank_transfer', 'ach', 'check', 'cash', 'other')),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'refunded', 'cancelled')),
  amount numeric(19,4) NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  fee numeric(19,4) NOT NULL DEFAULT 0 CHECK (fee >= 0),
  net numeric(19,4) GENERATED ALWAYS AS (amount - fee) STORED,
  provider text NOT NULL,
  provider_payment_id text,
  provider_refund_id text,
  refund_of uuid,
  reference text CHECK (char_length(reference) <= 200),
  description text CHECK (char_length(description) <= 2000),
  failure_message text,
  paid_at timestamptz,
  failed_at timestamptz,
  refunded_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, invoice_id) REFERENCES finance.invoices (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, refund_of) REFERENCES finance.payments (org_id, id) ON DELETE CASCADE,
  CONSTRAINT payments_refund_names_payment CHECK ((type = 'refund') = (refund_of IS NOT NULL)),
  CONSTRAINT payments_direction_of_type CHECK ((type = 'payment') = (direction = 'inbound'))
);
-- One ledger row per provider intent, and per provider refund.
CREATE UNIQUE INDEX payments_provider_intent_key ON finance.payments (provider, provider_payment_id) WHERE type = 'payment' AND provider_payment_id IS NOT NULL;
CREATE UNIQUE INDEX payments_provider_refund_key ON finance.payments (provider, provider_refund_id) WHERE provider_refund_id IS NOT NULL;
CREATE INDEX payments_invoice_idx ON finance.payments (org_id, invoice_id, created_at);
CREATE INDEX payments_contact_idx ON finance.payments (org_id, contact_id, created_at DESC);
CREATE INDEX payments_date_idx ON finance.payments (org_id, paid_at DESC);
CREATE INDEX payments_created_idx ON finance.payments (org_id, created_at DESC, id DESC);
CREATE INDEX payments_refund_of_idx ON finance.payments (org_id, refund_of) WHERE refund_of IS NOT NULL;

CREATE TABLE finance.payment_webhook_events (
  org_id uuid NOT NULL,
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
` +
    tenantIsolationSql('finance', 'payments') +
    tenantIsolationSql('finance', 'payment_webhook_events'),
};
