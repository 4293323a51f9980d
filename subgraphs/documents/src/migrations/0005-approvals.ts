import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Approval workflows (one per organization and document type; steps as jsonb, validated by the
 * service) and approval requests: one row per step of each submission of a document, with the
 * step copied at submission so a later change of the workflow does not rewrite history.
 */
export const approvals: Migration = {
  id: '0005-approvals',
  sql:
    `
CREATE TABLE documents.approval_workflows (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  document_type text NOT NULL CHECK (char_length(document_type) BETWEEN 1 AND 50),
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) BETWEEN 1 AND 20),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT approval_workflows_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT approval_workflows_org_type_key UNIQUE (org_id, document_type)
);
CREATE TABLE documents.approval_requests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  round int NOT NULL CHECK (round >= 1),
  step_order int NOT NULL CHECK (step_order >= 1),
  role text CHECK (role IN ('owner', 'admin', 'member', 'guest')),
  team_id uuid,
  action text NOT NULL CHECK (action IN ('approve', 'sign')),
  required boolean NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'returned', 'skipped')),
  decided_by uuid,
  decided_at timestamptz,
  comment text CHECK (char_length(comment) <= 5000),
  submitted_by uuid NOT NULL,
  requested_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IS NULL) <> (team_id IS NULL)),
  CONSTRAINT approval_requests_document_fkey FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE,
  CONSTRAINT approval_requests_step_key UNIQUE (document_id, round, step_order)
);
CREATE INDEX approval_requests_document_idx ON documents.approval_requests (org_id, document_id, round DESC, step_order);
` +
    tenantIsolationSql('documents', 'approval_workflows') +
    tenantIsolationSql('documents', 'approval_requests'),
};
