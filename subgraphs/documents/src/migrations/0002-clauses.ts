import { tenantIsolationSql, trashSweepAccessSql, type Migration } from '@cellgraph/kernel';

/*
 * The clause library and the clauses inserted in documents, under tenant isolation.
 *
 * A clause keeps every version of its body (`clause_versions`, never changed); `version` is the
 * current one. A document's inserted clauses (`document_clauses`) name the version they use, their
 * position among the document's clauses (0, 1, 2… in the order of their sections in the content)
 * and the document's own text when it overrides the clause. References are keyed by organization.
 * Purging a clause deletes its rows in documents (their sections stay in the content as text);
 * purging a document deletes its rows. A document made from a template keeps `template_id` (set to
 * null when the template is purged).
 */
export const clauses: Migration = {
  id: '0002-clauses',
  sql:
    `
CREATE TABLE documents.clauses (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (char_length(category) BETWEEN 1 AND 100),
  body text NOT NULL CHECK (char_length(body) <= 131072),
  include_by_default boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT clauses_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX clauses_org_created_idx ON documents.clauses (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX clauses_org_category_idx ON documents.clauses (org_id, category, title) WHERE deleted_at IS NULL;

CREATE TABLE documents.clause_versions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  clause_id uuid NOT NULL,
  number int NOT NULL CHECK (number >= 1),
  body text NOT NULL,
  author_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT clause_versions_number_key UNIQUE (clause_id, number),
  CONSTRAINT clause_versions_clause_fkey FOREIGN KEY (org_id, clause_id) REFERENCES documents.clauses (org_id, id) ON DELETE CASCADE
);

CREATE TABLE documents.document_clauses (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  clause_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  position int NOT NULL CHECK (position >= 0),
  override_body text CHECK (char_length(override_body) <= 131072),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT document_clauses_clause_key UNIQUE (document_id, clause_id),
  CONSTRAINT document_clauses_position_key UNIQUE (document_id, position) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT document_clauses_document_fkey FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE,
  CONSTRAINT document_clauses_clause_fkey FOREIGN KEY (org_id, clause_id) REFERENCES documents.clauses (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_clauses_clause_idx ON documents.document_clauses (clause_id);

ALTER TABLE documents.documents ADD COLUMN template_id uuid;
ALTER TABLE documents.documents ADD CONSTRAINT documents_template_fkey
  FOREIGN KEY (org_id, template_id) REFERENCES documents.documents (org_id, id) ON DELETE SET NULL (template_id);
CREATE INDEX documents_template_idx ON documents.documents (template_id) WHERE template_id IS NOT NULL;
` +
    tenantIsolationSql('documents', 'clauses') +
    tenantIsolationSql('documents', 'clause_versions') +
    tenantIsolationSql('documents', 'document_clauses') +
    trashSweepAccessSql('documents', 'clauses'),
};
