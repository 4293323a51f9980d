import {
  eventInboxSql,
  idempotencySql,
  maintenanceAccessSql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxTableSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  trashSweepAccessSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The finance schema: invoices and their lines under tenant isolation, each organization's invoice
 * numbering (its pattern and its counters), and what every module has — the outbox of its events
 * (relayed by the maintenance role), the inbox of events it handles, idempotency keys of create
 * mutations and the trash sweep's view of deleted rows.
 *
 * Money columns are numeric(19,4): 15 integer digits (the kernel's fitsCurrency bound) and up to 4
 * minor digits (no ISO currency has more); the server writes every amount already rounded once,
 * half up, to its currency's minor units. `contact_id` and `deal_id` name CRM objects by reference
 * (another module's schema: no foreign key; the service checks them through the graph).
 *
 * A table that refers to an invoice keys the reference by organization:
 * `FOREIGN KEY (org_id, invoice_id) REFERENCES finance.invoices (org_id, id)` (the database then
 * refuses another organization's id; see the kernel's orgScopedReferencesSql).
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE finance.invoices (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  number text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 50),
  contact_id uuid NOT NULL,
  deal_id uuid,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'sent', 'viewed', 'partially_paid', 'paid', 'overdue', 'void', 'refunded')),
  issue_date date NOT NULL,
  due_date date NOT NULL CHECK (due_date >= issue_date),
  currency char(3) NOT NULL,
  discount_kind text CHECK (discount_kind IN ('amount', 'percent')),
  discount_value numeric(19,4) CHECK (discount_value >= 0),
  subtotal numeric(19,4) NOT NULL DEFAULT 0,
  discount_total numeric(19,4) NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
  tax_total numeric(19,4) NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
  total numeric(19,4) NOT NULL DEFAULT 0 CHECK (total >= 0),
  amount_paid numeric(19,4) NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  amount_due numeric(19,4) GENERATED ALWAYS AS (total - amount_paid) STORED,
  notes text CHECK (char_length(notes) <= 10000),
  terms text CHECK (char_length(terms) <= 10000),
  sent_at timestamptz,
  viewed_at timestamptz,
  paid_at timestamptz,
  voided_at timestamptz,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT invoices_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT invoices_org_number_key UNIQUE (org_id, number),
  CONSTRAINT invoices_discount_pair CHECK ((discount_kind IS NULL) = (discount_value IS NULL))
);
-- The list's default order and filters (status, contact, deal, dates, number), live rows only.
CREATE INDEX invoices_org_created_idx ON finance.invoices (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX invoices_org_status_idx ON finance.invoices (org_id, status, due_date) WHERE deleted_at IS NULL;
CREATE INDEX invoices_org_contact_idx ON finance.invoices (org_id, contact_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX invoices_org_deal_idx ON finance.invoices (org_id, deal_id, created_at DESC) WHERE deleted_at IS NULL AND deal_id IS NOT NULL;
CREATE INDEX invoices_org_issue_date_idx ON finance.invoices (org_id, issue_date, id) WHERE deleted_at IS NULL;
CREATE INDEX invoices_org_due_date_idx ON finance.invoices (org_id, due_date, id) WHERE deleted_at IS NULL;
-- The daily overdue sweep: open invoices by due date, of every organization.
CREATE INDEX invoices_overdue_idx ON finance.invoices (due_date) WHERE deleted_at IS NULL AND status IN ('sent', 'viewed', 'partially_paid');

CREATE TABLE finance.invoice_lines (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 0),
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
  quantity numeric(19,4) NOT NULL CHECK (quantity > 0),
  unit_price numeric(19,4) NOT NULL CHECK (unit_price >= 0),
  tax_rate numeric(7,4) NOT NULL DEFAULT 0 CHECK (tax_rate BETWEEN 0 AND 100),
  amount numeric(19,4) NOT NULL,
  discount_amount numeric(19,4) NOT NULL DEFAULT 0,
  tax_amount numeric(19,4) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, invoice_id) REFERENCES finance.invoices (org_id, id) ON DELETE CASCADE,
  CONSTRAINT invoice_lines_position_key UNIQUE (invoice_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- Each organization's numbering pattern (a missing row: the default pattern).
CREATE TABLE finance.invoice_numbering (
  org_id uuid PRIMARY KEY,
  pattern text NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 40),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The last number given per series (the pattern with its dates filled in, e.g. 'INV-2026-{SEQ}').
-- Incremented in the transaction that creates the invoice: its row lock serializes concurrent
-- creates of one series, and a rolled-back create gives its number back (gapless).
CREATE TABLE finance.invoice_number_counters (
  org_id uuid NOT NULL,
  series text NOT NULL,
  last_value bigint NOT NULL CHECK (last_value >= 0),
  PRIMARY KEY (org_id, series)
);
` +
    tenantIsolationSql('finance', 'invoices') +
    tenantIsolationSql('finance', 'invoice_lines') +
    tenantIsolationSql('finance', 'invoice_numbering') +
    tenantIsolationSql('finance', 'invoice_number_counters') +
    outboxTableSql('finance') +
    outboxActorApiKeySql('finance') +
    outboxTraceContextSql('finance') +
    outboxMaintenanceSql('finance') +
    eventInboxSql('finance') +
    idempotencySql('finance') +
    trashSweepAccessSql('finance', 'invoices') +
    // The daily overdue sweep: which open invoices are past due, in which organization.
    maintenanceAccessSql('finance', 'invoices', {
      policy: 'invoices_overdue_sweep',
      select: ['id', 'org_id', 'status', 'due_date', 'deleted_at'],
      rows: "deleted_at IS NULL AND status IN ('sent', 'viewed', 'partially_paid')",
    }),
};
