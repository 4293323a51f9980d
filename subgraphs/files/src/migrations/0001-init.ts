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
 * The files schema: files (visible once their upload completed), uploads in flight (begun, not yet
 * completed; they count towards the quota), objects whose files were purged (deleted from the store
 * by the cleanup job) — all under tenant isolation — and what every module has: the outbox, the
 * inbox, idempotency keys and the trash sweep's view. Storage keys are `org/<orgId>/<uuid>`: never a
 * name a user chose. The cleanup job finds abandoned uploads and purged objects of every
 * organization as the maintenance role (ids, organizations, expiry only).
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE files.files (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  checksum text NOT NULL, -- SHA-256, hex (computed by the service)
  width integer,
  height integer,
  storage_key text NOT NULL UNIQUE,
  about_id text,
  uploaded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT files_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX files_org_created_idx ON files.files (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX files_org_about_idx ON files.files (org_id, about_id) WHERE about_id IS NOT NULL;

CREATE TABLE files.uploads (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  storage_key text NOT NULL UNIQUE,
  about_id text,
  uploaded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  abandoned_at timestamptz NOT NULL
);
CREATE INDEX uploads_abandoned_idx ON files.uploads (abandoned_at);

CREATE TABLE files.purged_objects (
  storage_key text PRIMARY KEY,
  org_id uuid NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now()
);
` +
    tenantIsolationSql('files', 'files') +
    tenantIsolationSql('files', 'uploads') +
    tenantIsolationSql('files', 'purged_objects') +
    maintenanceAccessSql('files', 'uploads', { policy: 'uploads_cleanup', select: ['id', 'org_id', 'abandoned_at'], rows: 'abandoned_at < now()' }) +
    maintenanceAccessSql('files', 'purged_objects', { policy: 'purged_objects_cleanup', select: ['storage_key', 'org_id'] }) +
    outboxTableSql('files') +
    outboxActorApiKeySql('files') +
    outboxTraceContextSql('files') +
    outboxMaintenanceSql('files') +
    eventInboxSql('files') +
    idempotencySql('files') +
    trashSweepAccessSql('files', 'files'),
};
