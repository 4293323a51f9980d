import {
  eventInboxSql,
  idempotencySql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxTableSql,
  outboxRequestOriginSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  trashSweepAccessSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The imports schema: data imports and the rows of their files under tenant isolation, and what
 * every module has — the outbox of its events (relayed by the maintenance role), the inbox of
 * events it handles, idempotency keys of create mutations and the trash sweep's view of deleted rows.
 * A row refers to its import keyed by organization (the database refuses another organization's id);
 * purging an import deletes its rows.
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE imports.data_imports (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  type text NOT NULL,
  status text NOT NULL CHECK (status IN ('UPLOADED', 'MAPPED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED')),
  file_id text NOT NULL,
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
  headers jsonb NOT NULL,
  row_count int NOT NULL CHECK (row_count >= 0),
  mapping jsonb NOT NULL DEFAULT '[]',
  processed_rows int NOT NULL DEFAULT 0,
  created_rows int NOT NULL DEFAULT 0,
  skipped_rows int NOT NULL DEFAULT 0,
  failed_rows int NOT NULL DEFAULT 0,
  report_file_id text,
  failure_reason text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  deleted_at timestamptz,
  CONSTRAINT data_imports_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX data_imports_org_created_idx ON imports.data_imports (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE imports.data_import_rows (
  import_id uuid NOT NULL,
  row_number int NOT NULL CHECK (row_number >= 1),
  org_id uuid NOT NULL,
  cells jsonb NOT NULL,
  outcome text NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'CREATED', 'SKIPPED', 'FAILED')),
  errors jsonb NOT NULL DEFAULT '[]',
  result_id text,
  PRIMARY KEY (import_id, row_number),
  FOREIGN KEY (org_id, import_id) REFERENCES imports.data_imports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX data_import_rows_pending_idx ON imports.data_import_rows (import_id, row_number) WHERE outcome = 'PENDING';
` +
    tenantIsolationSql('imports', 'data_imports') +
    tenantIsolationSql('imports', 'data_import_rows') +
    outboxTableSql('imports') +
    outboxActorApiKeySql('imports') +
    outboxTraceContextSql('imports') +
    outboxRequestOriginSql('imports') +
    outboxMaintenanceSql('imports') +
    eventInboxSql('imports') +
    idempotencySql('imports') +
    trashSweepAccessSql('imports', 'data_imports'),
};
