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
 * The notes schema: notes and their revisions under tenant isolation, and what every module has —
 * the outbox of its events (relayed by the maintenance role), the inbox of events it handles,
 * idempotency keys of create mutations and the trash sweep's view of deleted rows.
 *
 * Revisions key their note by organization (`(org_id, note_id)`), so the database refuses another
 * organization's note. `about_ids` holds global ids of objects of any module (checked through the
 * graph, never a foreign key); `shared_with_ids` users and `team_id` a team of identity.
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE notes.notes (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) <= 200),
  body jsonb NOT NULL,
  text text NOT NULL,
  author_id uuid NOT NULL,
  visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'team', 'organization', 'users')),
  team_id uuid,
  shared_with_ids uuid[] NOT NULL DEFAULT '{}',
  about_ids text[] NOT NULL DEFAULT '{}',
  pinned boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  revision int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT notes_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT notes_team_visibility CHECK ((visibility = 'team') = (team_id IS NOT NULL))
);
CREATE INDEX notes_org_updated_idx ON notes.notes (org_id, pinned DESC, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX notes_about_idx ON notes.notes USING gin (about_ids) WHERE deleted_at IS NULL;
CREATE INDEX notes_shared_with_idx ON notes.notes USING gin (shared_with_ids) WHERE deleted_at IS NULL;

CREATE TABLE notes.note_revisions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  note_id uuid NOT NULL,
  number int NOT NULL,
  title text NOT NULL,
  body jsonb NOT NULL,
  text text NOT NULL,
  author_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT note_revisions_number_key UNIQUE (note_id, number),
  CONSTRAINT note_revisions_note_fkey FOREIGN KEY (org_id, note_id) REFERENCES notes.notes (org_id, id) ON DELETE CASCADE
);
` +
    tenantIsolationSql('notes', 'notes') +
    tenantIsolationSql('notes', 'note_revisions') +
    outboxTableSql('notes') +
    outboxActorApiKeySql('notes') +
    outboxTraceContextSql('notes') +
    outboxMaintenanceSql('notes') +
    eventInboxSql('notes') +
    idempotencySql('notes') +
    trashSweepAccessSql('notes', 'notes'),
};
