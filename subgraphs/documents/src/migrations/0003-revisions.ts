import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Revisions and redline: each save of a document is a numbered revision (0 is the baseline, made
 * on the first edit) holding the whole content at that save; its changes are the structured field
 * edits and the free-text marks it introduced, each pending until accepted or rejected.
 */
export const revisions: Migration = {
  id: '0003-revisions',
  sql:
    `
CREATE TABLE documents.document_revisions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  number int NOT NULL CHECK (number >= 0),
  description text NOT NULL CHECK (char_length(description) <= 500),
  author_id uuid,
  content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT document_revisions_number_key UNIQUE (document_id, number),
  CONSTRAINT document_revisions_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT document_revisions_document_fkey FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE
);
CREATE TABLE documents.document_revision_changes (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  revision_id uuid NOT NULL,
  document_id uuid NOT NULL,
  position int NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('field', 'insertion', 'deletion')),
  field_name text CHECK (char_length(field_name) <= 200),
  field_label text CHECK (char_length(field_label) <= 200),
  mark_id text,
  old_value text NOT NULL,
  new_value text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
  decided_by uuid,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT document_revision_changes_position_key UNIQUE (revision_id, position),
  CONSTRAINT document_revision_changes_field_check CHECK ((kind = 'field') = (field_name IS NOT NULL AND mark_id IS NULL)),
  CONSTRAINT document_revision_changes_revision_fkey FOREIGN KEY (org_id, revision_id) REFERENCES documents.document_revisions (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_revision_changes_document_idx ON documents.document_revision_changes (document_id, revision_id, position);
` +
    tenantIsolationSql('documents', 'document_revisions') +
    tenantIsolationSql('documents', 'document_revision_changes'),
};
