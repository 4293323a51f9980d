import { z } from 'zod';

/*
 * The finance module's public contracts (`@cellgraph/finance/contracts`): the events it emits
 * (type → schema of `data`) — the only part of finance other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings, amounts exact decimal strings with the
 * currency's minor units, ids uuids).
 */

const empty = z.object({});
const amount = z.string();
const date = z.string();
export const invoiceStatusValues = ['draft', 'sent', 'viewed', 'partially_paid', 'paid', 'overdue', 'void', 'refunded'] as const;
const status = z.enum(invoiceStatusValues);

/** An invoice's tracked fields (all on `invoice.created`, the changed ones on `invoice.updated`). */
const invoiceFields = z.object({
  number: z.string(),
  status,
  contactId: z.string(),
  dealId: z.string().nullable(),
  currencyCode: z.string(),
  issueDate: date,
  dueDate: date,
  discount: z.object({ kind: z.enum(['amount', 'percent']), value: z.string() }).nullable(),
  subtotal: amount,
  discountTotal: amount,
  taxTotal: amount,
  total: amount,
  amountPaid: amount,
  /** The notes shown to the customer (the `notes` column). */
  memo: z.string().nullable(),
  terms: z.string().nullable(),
  /** How many lines it has (`lines` is named in `fields` when they changed). */
  lineCount: z.number().int(),
});

/** What every payments-ledger event says of its invoice (`createdBy`: the invoice's creator, told of payments). */
const paymentAbout = {
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  contactId: z.string(),
  createdBy: z.string(),
  currencyCode: z.string(),
  amount,
};

/** What every status event says of the invoice (who to tell, what it is about). */
const invoiceSummary = {
  number: z.string(),
  contactId: z.string(),
  createdBy: z.string(),
  currencyCode: z.string(),
  total: amount,
  amountDue: amount,
  dueDate: date,
};
const statusEvent = z.object({ from: status, ...invoiceSummary });

/** A recurring invoice's tracked fields (all on `recurring_invoice.created`, the changed ones on `recurring_invoice.updated`). */
const recurringFields = z.object({
  templateInvoiceId: z.string(),
  frequency: z.enum(['weekly', 'monthly', 'quarterly', 'annually']),
  startDate: date,
  nextIssueDate: date,
  endDate: date.nullable(),
  autoSend: z.boolean(),
  /** Who auto-sent invoices go to (null: none set; rules from before auto-send sent lack it). */
  sendTo: z.array(z.string()).nullable().optional(),
  enabled: z.boolean(),
});

/** An expense as its events tell it (`amount` with the currency's minor units, `receiptId` a File's global id). */
const expenseFields = z.object({
  category: z.enum(['software', 'travel', 'office', 'meals', 'equipment', 'other']),
  amount: z.string(),
  currencyCode: z.string(),
  expenseDate: z.string(),
  description: z.string().nullable(),
  vendor: z.string().nullable(),
  receiptId: z.string().nullable(),
});
/** Expense events that concern its submitter (user uuid) carry them. */
const expenseOf = expenseFields.extend({ submittedBy: z.string() });

export const financeEvents = {
  'invoice.created': z.object({ after: invoiceFields, createdBy: z.string() }),
  'invoice.updated': z.object({
    fields: z.array(z.string()),
    before: invoiceFields.partial(),
    after: invoiceFields.partial(),
    number: z.string(),
  }),
  /** Every status change, with what caused it (manual, send, view, settlement, overdue). */
  'invoice.status_changed': z.object({ to: status, cause: z.enum(['manual', 'send', 'view', 'settlement', 'overdue']), ...statusEvent.shape }),
  /** Sent by e-mail (`from` DRAFT), or sent again (`resent`, the status unchanged); `recipients`: to whom. */
  'invoice.sent': statusEvent.extend({ deliveryId: z.string().optional(), recipients: z.array(z.string()).optional(), resent: z.boolean().optional() }),
  'invoice.viewed': statusEvent,
  /** Fully paid (a settlement). */
  'invoice.paid': statusEvent.extend({ amountPaid: amount }),
  /** Past its due date and not fully paid (the overdue job, or a partial settlement past due). */
  'invoice.overdue': statusEvent,
  'invoice.voided': statusEvent,
  /** Everything paid was refunded. */
  'invoice.refunded': statusEvent,
  /** A new draft copied from another invoice (`invoice.created` is emitted too). */
  'invoice.duplicated': z.object({ sourceId: z.string(), number: z.string(), sourceNumber: z.string() }),
  /** Moved to the trash; `title` is what the cell's trash shows (its number). */
  'invoice.deleted': z.object({ title: z.string() }),
  'invoice.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'invoice.purged': empty,
  /** A payment completed (card: the provider's webhook; or recorded by hand); subject: the Payment. */
  'payment.received': z.object({ ...paymentAbout, fee: amount, method: z.string(), provider: z.string(), amountDue: amount }),
  /** A card payment attempt failed (declined); the customer may try again. */
  'payment.failed': z.object({ ...paymentAbout, reason: z.string().nullable() }),
  /** A refund completed; subject: the refund, `paymentId` the payment it returns. */
  'payment.refunded': z.object({ ...paymentAbout, paymentId: z.string(), reason: z.string().nullable() }),
  /** A credit note lowered what an invoice's customer owes; subject: the credit note. */
  'credit_note.issued': z.object({ ...paymentAbout, reason: z.string().nullable() }),
  /** The organization changed how invoices are numbered. */
  'invoice.numbering_changed': z.object({ before: z.string(), after: z.string() }),
  /** Recurring invoices (subject: the RecurringInvoice); a rule's tracked fields. */
  'recurring_invoice.created': z.object({ after: recurringFields, templateNumber: z.string() }),
  'recurring_invoice.updated': z.object({ fields: z.array(z.string()), before: recurringFields.partial(), after: recurringFields.partial() }),
  'recurring_invoice.stopped': z.object({ templateInvoiceId: z.string(), nextIssueDate: date }),
  /**
   * A period was issued: a new DRAFT copied from the template (`invoice.created` is emitted too).
   * With `autoSend` the job sent it in the same transaction (`invoice.sent` too; `recipients`, the
   * delivery), or it stays a DRAFT and `sendFailure` says why: INVOICE_NO_LINES, INVOICE_ZERO_TOTAL,
   * RECURRING_INVOICE_NO_RECIPIENT (no recipients on the rule), RECURRING_INVOICE_CONTACT_CHANGED
   * (the template bills another contact than the recipients were set for).
   */
  'recurring_invoice.issued': z.object({
    templateInvoiceId: z.string(),
    invoiceId: z.string(),
    number: z.string(),
    periodDate: date,
    issueDate: date,
    dueDate: date,
    total: amount,
    currencyCode: z.string(),
    contactId: z.string(),
    autoSend: z.boolean(),
    createdBy: z.string(),
    recipients: z.array(z.string()).optional(),
    deliveryId: z.string().optional(),
    sendFailure: z.string().optional(),
  }),
  /** Submitted for approval; `approvers` (user uuids): the finance managers (owners and admins) but the submitter. */
  'expense.submitted': expenseOf.extend({ approvers: z.array(z.string()) }),
  'expense.updated': z.object({ fields: z.array(z.string()), before: expenseFields.partial(), after: expenseFields.partial() }),
  'expense.approved': expenseOf.extend({ approvedBy: z.string() }),
  'expense.rejected': expenseOf.extend({ rejectedBy: z.string(), reason: z.string() }),
  'expense.reimbursed': expenseOf.extend({ reimbursedBy: z.string() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'expense.deleted': z.object({ title: z.string() }),
  'expense.restored': empty,
  'expense.purged': empty,
} as const;

export type FinanceEvents = typeof financeEvents;

/** The jobs finance accepts (`recurring_invoice.issue_due`: the daily issue of due periods; `today` a UTC date, default the day it runs). */
export const financeJobs = {
  'recurring_invoice.issue_due': z.object({ today: z.iso.date().optional() }),
} as const;
