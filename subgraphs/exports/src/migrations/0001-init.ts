import {
  eventInboxSql,
  idempotencySql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxTableSql,
  outboxRequestOriginSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The exports schema: data exports under tenant isolation, and what every module has — the outbox
 * of its events (relayed by the maintenance role), the inbox of events it handles and the
 * idempotency keys of create mutations. The file itself is the files module's (`file_id` holds
 * the File's global id, never a reference into its tables).
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE exports.data_exports (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  format text NOT NULL CHECK (format IN ('CSV', 'XLSX', 'JSON')),
  state text NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),
  query text NOT NULL CHECK (char_length(query) <= 20000),
  variables jsonb,
  columns text[] NOT NULL,
  rows_exported integer NOT NULL DEFAULT 0 CHECK (rows_exported >= 0),
  file_id text,
  error_code text,
  error_detail text,
  created_by uuid NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT data_exports_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX data_exports_creator_idx ON exports.data_exports (org_id, created_by, created_at DESC, id DESC);
` +
    tenantIsolationSql('exports', 'data_exports') +
    outboxTableSql('exports') +
    outboxActorApiKeySql('exports') +
    outboxTraceContextSql('exports') +
    outboxRequestOriginSql('exports') +
    outboxMaintenanceSql('exports') +
    eventInboxSql('exports') +
    idempotencySql('exports'),
};
