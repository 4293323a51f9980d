import {
  eventInboxSql,
  idempotencySql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxTableSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  trashSweepAccessSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The search schema: its saved searches under tenant isolation, and what every module has —
 * the outbox of its events (relayed by the maintenance role), the inbox of events it handles,
 * idempotency keys of create mutations and the trash sweep's view of deleted rows.
 *
 * A table that refers to a saved search keys the reference by organization:
 * `FOREIGN KEY (org_id, saved_search_id) REFERENCES search.saved_searches (org_id, id)` (the database then
 * refuses another organization's id; see the kernel's orgScopedReferencesSql).
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE search.saved_searches (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text CHECK (char_length(description) <= 10000),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT saved_searches_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX saved_searches_org_created_idx ON search.saved_searches (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
` +
    tenantIsolationSql('search', 'saved_searches') +
    outboxTableSql('search') +
    outboxActorApiKeySql('search') +
    outboxTraceContextSql('search') +
    outboxMaintenanceSql('search') +
    eventInboxSql('search') +
    idempotencySql('search') +
    trashSweepAccessSql('search', 'saved_searches'),
};
