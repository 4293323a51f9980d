import { tenantIsolationSql, trashSweepAccessSql, type Migration } from '@cellgraph/kernel';

/*
 * Expenses: what members spent for the organization, with a receipt (a File of the files module, by
 * reference: no foreign key across schemas), submitted → approved / rejected → reimbursed. The
 * category is one of a fixed set (`other` for the rest). Amounts are exact (numeric), at most the
 * currency's minor units (checked by the server). The decision columns hold who decided and when;
 * `reimbursed_at` when an approved expense was paid back.
 */
export const expenses: Migration = {
  id: '0002-expenses',
  sql:
    `
CREATE TABLE finance.expenses (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('software', 'travel', 'office', 'meals', 'equipment', 'other')),
  description text CHECK (char_length(description) <= 500),
  amount numeric(19, 4) NOT NULL CHECK (amount > 0),
  currency char(3) NOT NULL,
  vendor text CHECK (char_length(vendor) <= 200),
  expense_date date NOT NULL,
  receipt_file_id uuid,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'reimbursed')),
  submitted_by uuid NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  rejection_reason text CHECK (char_length(rejection_reason) <= 1000),
  reimbursed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT expenses_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT expenses_decided CHECK ((status = 'pending') = (decided_at IS NULL)),
  CONSTRAINT expenses_rejection_reason CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)),
  CONSTRAINT expenses_reimbursed CHECK ((status = 'reimbursed') = (reimbursed_at IS NOT NULL))
);
CREATE INDEX expenses_org_created_idx ON finance.expenses (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX expenses_org_status_date_idx ON finance.expenses (org_id, status, expense_date DESC) WHERE deleted_at IS NULL;
CREATE INDEX expenses_org_submitter_idx ON finance.expenses (org_id, submitted_by, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX expenses_org_category_date_idx ON finance.expenses (org_id, category, expense_date) WHERE deleted_at IS NULL;
` +
    tenantIsolationSql('finance', 'expenses') +
    trashSweepAccessSql('finance', 'expenses'),
};
