import { CURRENT_ORG_SQL, tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/** The review token's hash, set only by the public review operations (`app.token_hash`, as identity's invitations). */
const TOKEN_HASH_SQL = "nullif(current_setting('app.token_hash', true), '')";

/*
 * External review: links sent by e-mail to people without an account (only the token's SHA-256 is
 * kept), and the edit suggestions they submit. A review row is visible to its organization, and to
 * a transaction that set the hash of its token — which is how the public operations find it before
 * they know the organization; everything after runs as that organization.
 */
export const externalReview: Migration = {
  id: '0004-external-review',
  sql:
    `
CREATE TABLE documents.document_reviews (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
  name text CHECK (char_length(name) <= 200),
  message text CHECK (char_length(message) <= 5000),
  token_hash text NOT NULL UNIQUE,
  sent_by uuid NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  CONSTRAINT document_reviews_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_reviews_document_idx ON documents.document_reviews (org_id, document_id, sent_at DESC, id DESC);
ALTER TABLE documents.document_reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents.document_reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY document_reviews_tenant ON documents.document_reviews
  USING (org_id = ${CURRENT_ORG_SQL} OR token_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL});

CREATE TABLE documents.document_edit_suggestions (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  review_id uuid NOT NULL,
  section text NOT NULL CHECK (char_length(section) BETWEEN 1 AND 200),
  original_text text NOT NULL CHECK (char_length(original_text) <= 20000),
  suggested_text text NOT NULL CHECK (char_length(suggested_text) <= 20000),
  comment text CHECK (char_length(comment) <= 5000),
  state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED')),
  decided_by uuid,
  decided_at timestamptz,
  notes text CHECK (char_length(notes) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT document_edit_suggestions_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, review_id) REFERENCES documents.document_reviews (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_edit_suggestions_document_idx ON documents.document_edit_suggestions (org_id, document_id, created_at DESC, id DESC);
` + tenantIsolationSql('documents', 'document_edit_suggestions'),
};
