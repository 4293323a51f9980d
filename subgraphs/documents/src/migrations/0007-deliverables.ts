import { maintenanceAccessSql, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/**
 * Deliverables of signed contracts, deleted with their document (purge). The daily pace check's
 * maintenance role sees only which organizations have deliverables still to check.
 */
export const deliverables: Migration = {
  id: '0007-deliverables',
  sql:
    `
CREATE TABLE documents.deliverables (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  frequency text NOT NULL CHECK (frequency IN ('ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY')),
  platform text CHECK (char_length(platform) <= 100),
  start_date date NOT NULL,
  due_date date NOT NULL CHECK (due_date >= start_date),
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND quantity),
  on_track boolean NOT NULL DEFAULT true,
  owner_id uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX deliverables_document_due_idx ON documents.deliverables (document_id, due_date, id);
CREATE INDEX deliverables_org_pending_idx ON documents.deliverables (org_id) WHERE progress < quantity OR NOT on_track;
` +
    tenantIsolationSql('documents', 'deliverables') +
    maintenanceAccessSql('documents', 'deliverables', { policy: 'deliverables_pace_check', select: ['org_id', 'progress', 'quantity', 'on_track'] }),
};
