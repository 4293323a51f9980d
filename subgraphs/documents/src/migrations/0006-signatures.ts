import { tenantIsolationSql, type Migration } from '@cellgraph/kernel';

/*
 * Signatures: a document's signature requests (one envelope at the provider each), their ordered
 * signers, and the provider's webhook events already handled (idempotency on the provider's event id).
 */
export const signatures: Migration = {
  id: '0006-signatures',
  sql:
    `
CREATE TABLE documents.signature_requests (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  provider text NOT NULL,
  envelope_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('SENT', 'COMPLETED', 'VOIDED')),
  message text CHECK (char_length(message) <= 2000),
  acting_for text,
  signed_file_id text,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT signature_requests_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT signature_requests_envelope_key UNIQUE (provider, envelope_id),
  FOREIGN KEY (org_id, document_id) REFERENCES documents.documents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX signature_requests_document_idx ON documents.signature_requests (org_id, document_id, created_at DESC);
CREATE TABLE documents.signature_signers (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  request_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 320),
  signing_order integer NOT NULL CHECK (signing_order >= 1),
  signed_at timestamptz,
  FOREIGN KEY (org_id, request_id) REFERENCES documents.signature_requests (org_id, id) ON DELETE CASCADE,
  UNIQUE (request_id, email)
);
CREATE TABLE documents.signature_webhook_events (
  org_id uuid NOT NULL,
  provider text NOT NULL,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
` +
    tenantIsolationSql('documents', 'signature_requests') +
    tenantIsolationSql('documents', 'signature_signers') +
    tenantIsolationSql('documents', 'signature_webhook_events'),
};
