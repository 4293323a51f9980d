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
 * The documents schema: its documents under tenant isolation, and what every module has —
 * the outbox of its events (relayed by the maintenance role), the inbox of events it handles,
 * idempotency keys of create mutations and the trash sweep's view of deleted rows.
 *
 * A table that refers to a document keys the reference by organization:
 * `FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id)` (the database then
 * refuses another organization's id; see the kernel's orgScopedReferencesSql). `about_ids` holds global
 * ids of objects of any module (checked through the graph, never a foreign key), as notes does.
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE documents.documents (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
  type text NOT NULL CHECK (type IN ('contract', 'proposal', 'sow', 'nda', 'template', 'other')),
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'internal_review', 'client_review', 'sent', 'signed', 'expired', 'void')),
  content text NOT NULL DEFAULT '' CHECK (char_length(content) <= 524288),
  metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object' AND pg_column_size(metadata) <= 32768),
  expires_at timestamptz,
  owner_id uuid NOT NULL,
  about_ids text[] NOT NULL DEFAULT '{}' CHECK (cardinality(about_ids) <= 20),
  void_reason text CHECK (char_length(void_reason) <= 2000),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT documents_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT documents_void_reason CHECK ((status = 'void') = (void_reason IS NOT NULL))
);
CREATE INDEX documents_org_created_idx ON documents.documents (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX documents_about_idx ON documents.documents USING gin (about_ids) WHERE deleted_at IS NULL;
CREATE INDEX documents_expiry_idx ON documents.documents (expires_at) WHERE deleted_at IS NULL AND status IN ('sent', 'signed');
` +
    tenantIsolationSql('documents', 'documents') +
    outboxTableSql('documents') +
    outboxActorApiKeySql('documents') +
    outboxTraceContextSql('documents') +
    outboxMaintenanceSql('documents') +
    eventInboxSql('documents') +
    idempotencySql('documents') +
    trashSweepAccessSql('documents', 'documents') +
    // The daily expiry sweep: which sent or signed documents have lapsed, in which organization.
    maintenanceAccessSql('documents', 'documents', {
      policy: 'documents_expiry_sweep',
      select: ['id', 'org_id', 'status', 'expires_at', 'deleted_at'],
      rows: "deleted_at IS NULL AND status IN ('sent', 'signed')",
    }),
};
