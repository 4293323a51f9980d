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
  /** The organization changed how invoices are numbered. */
  'invoice.numbering_changed': z.object({ before: z.string(), after: z.string() }),
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
