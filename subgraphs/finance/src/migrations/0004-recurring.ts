import { maintenanceAccessSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Recurring invoices: a rule turns an invoice into a template (the template itself is never sent)
 * and the scheduled job issues a copy per period. Periods count from `anchor_date`
 * (`period_index` of them issued so far) so a month-end anchor keeps its day;
 * `next_issue_date` is the next one, for the job's query.
 *
 * Exactly once per period: the job locks the rule row, issues each due period and moves
 * `next_issue_date` in one transaction, and `recurring_invoice_issues` keys every issued invoice
 * by (rule_id, period_date) — a second worker or a redelivered job finds the period taken.
 * A template purged from the trash takes its rules (and their links) with it.
 */
export const recurring: Migration = {
  id: '0004-recurring',
  sql:
    `
CREATE TABLE finance.recurring_invoices (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  template_invoice_id uuid NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly', 'quarterly', 'annually')),
  anchor_date date NOT NULL,
  period_index int NOT NULL DEFAULT 0 CHECK (period_index >= 0),
  next_issue_date date NOT NULL,
  end_date date CHECK (end_date >= anchor_date),
  auto_send boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  stopped_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT recurring_invoices_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, template_invoice_id) REFERENCES finance.invoices (org_id, id) ON DELETE CASCADE
);
-- One running rule per template.
CREATE UNIQUE INDEX recurring_invoices_template_enabled_key ON finance.recurring_invoices (template_invoice_id) WHERE enabled;
CREATE INDEX recurring_invoices_org_created_idx ON finance.recurring_invoices (org_id, created_at DESC, id DESC);
-- The job: running rules by next date, of every organization.
CREATE INDEX recurring_invoices_due_idx ON finance.recurring_invoices (next_issue_date) WHERE enabled;

CREATE TABLE finance.recurring_invoice_issues (
  org_id uuid NOT NULL,
  rule_id uuid NOT NULL,
  period_date date NOT NULL,
  invoice_id uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_id, period_date),
  FOREIGN KEY (org_id, rule_id) REFERENCES finance.recurring_invoices (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, invoice_id) REFERENCES finance.invoices (org_id, id) ON DELETE CASCADE
);
CREATE INDEX recurring_invoice_issues_rule_idx ON finance.recurring_invoice_issues (org_id, rule_id, period_date DESC);
` +
    tenantIsolationSql('finance', 'recurring_invoices') +
    tenantIsolationSql('finance', 'recurring_invoice_issues') +
    // The job: which running rules have a period due, in which organization.
    maintenanceAccessSql('finance', 'recurring_invoices', {
      policy: 'recurring_invoices_due',
      select: ['id', 'org_id', 'next_issue_date', 'end_date', 'enabled'],
      rows: 'enabled',
    }),
};
