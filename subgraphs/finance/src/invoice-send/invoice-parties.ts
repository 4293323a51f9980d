import { toGlobalId, userError, type GraphClient, type RequestContext, zodMessage } from '@cellgraph/kernel';
import { z } from 'zod';
import { financeErrorTexts } from '../messages.js';

/** Who an invoice is from and to, as the e-mail, the PDF and the public page name them. */
export interface InvoiceParties {
  organizationName: string;
  customer: { name: string; email: string | null };
}

const PARTIES = `query($contact: ID!) { organization { name } contact: node(id: $contact) { ... on Contact { name email } } }`;

/**
 * The organization's name and the customer (a CRM contact), asked of the graph as the caller: what
 * the caller may not see is not sent. INVOICE_CONTACT_NOT_FOUND (on `field`) when the contact is
 * gone or hidden from them.
 */
export async function readInvoiceParties(
  graph: GraphClient,
  request: RequestContext,
  contactId: string,
  field: (string | number)[] = ['input', 'id'],
): Promise<InvoiceParties> {
  const answer = await graph.request<{ organization: { name: string } | null; contact: { name: string; email: string | null } | null }>(request, PARTIES, {
    contact: toGlobalId('Contact', contactId),
  });
  if (!answer.data?.organization) throw new Error(`Cannot read the organization: ${JSON.stringify(answer.errors ?? [])}`);
  const contact = answer.data.contact;
  if (!contact) throw userError('INVOICE_CONTACT_NOT_FOUND', financeErrorTexts.invoiceContactGone, field);
  return { organizationName: answer.data.organization.name, customer: { name: contact.name, email: contact.email } };
}

const email = z
  .email(zodMessage(financeErrorTexts.emailRequired))
  .max(320)
  .transform((address) => address.toLowerCase());

/** Who receives an invoice: 1 to 10 e-mail addresses, lower-cased (invoiceSend's `to`, a recurring invoice's `sendTo`). */
export const invoiceRecipients = z
  .array(email)
  .min(1, zodMessage(financeErrorTexts.recipientRequired))
  .max(10, zodMessage(financeErrorTexts.tooManyRecipients));

/** The recipients given, else the contact's e-mail address (lower-cased), else null. */
export const recipientsOrContact = (given: string[] | null | undefined, parties: InvoiceParties): string[] | null =>
  given ?? (parties.customer.email ? [parties.customer.email.toLowerCase()] : null);
