import { CURRENT_ORG_SQL, type Migration } from '@cellgraph/kernel';

/** The hash of a public invoice token, set only by the public view (`app.token_hash`, as documents' reviews). */
const TOKEN_HASH_SQL = "nullif(current_setting('app.token_hash', true), '')";

/*
 * Sending invoices: every send (the first and each re-send) is a delivery — to whom, the PDF stored
 * in files, and the public link's token (only its SHA-256 is kept). A delivery row is visible to its
 * organization, and to a transaction that set the hash of its token: that is how the public view
 * finds it before it knows the organization; everything after runs as that organization.
 */
export const invoiceSend: Migration = {
  id: '0005-invoice-send',
  sql: `
CREATE TABLE finance.invoice_deliveries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  invoice_id uuid NOT NULL,
  recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 10),
  message text CHECK (char_length(message) <= 5000),
  organization_name text NOT NULL CHECK (char_length(organization_name) <= 200),
  customer_name text NOT NULL CHECK (char_length(customer_name) <= 500),
  pdf_file_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  sent_by uuid NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CONSTRAINT invoice_deliveries_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, invoice_id) REFERENCES finance.invoices (org_id, id) ON DELETE CASCADE
);
CREATE INDEX invoice_deliveries_invoice_idx ON finance.invoice_deliveries (org_id, invoice_id, sent_at DESC, id DESC);
ALTER TABLE finance.invoice_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE finance.invoice_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY invoice_deliveries_tenant ON finance.invoice_deliveries
  USING (org_id = ${CURRENT_ORG_SQL} OR token_hash = ${TOKEN_HASH_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL});
`,
};
