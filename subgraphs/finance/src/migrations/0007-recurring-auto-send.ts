import type { Migration } from '@cellgraph/kernel';

/*
 * Recurring invoices sent by the job (auto-send). The job has no caller, and a delegation lives an
 * hour, so what sending asks of the graph as its caller — the organization's name, the contact's
 * name and e-mail — is asked when the rule is made or changed, as that person, and kept on the
 * rule: `send_to` (the recipients), `organization_name`, `customer_name`, and `customer_contact_id`,
 * the contact they were asked for (the template's contact may change later: the job then sends
 * nothing rather than mail one customer's invoice to another). A delivery the job makes has no PDF
 * File (files stores a File as someone): `pdf_file_id` becomes optional.
 */
export const recurringAutoSend: Migration = {
  id: '0007-recurring-auto-send',
  sql: `
ALTER TABLE finance.recurring_invoices
  ADD COLUMN send_to text[] CHECK (cardinality(send_to) BETWEEN 1 AND 10),
  ADD COLUMN organization_name text CHECK (char_length(organization_name) <= 200),
  ADD COLUMN customer_name text CHECK (char_length(customer_name) <= 500),
  ADD COLUMN customer_contact_id uuid;
ALTER TABLE finance.invoice_deliveries ALTER COLUMN pdf_file_id DROP NOT NULL;
`,
};
