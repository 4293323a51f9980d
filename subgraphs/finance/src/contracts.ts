import { z } from 'zod';

/*
 * The finance module's public contracts (`@cellgraph/finance/contracts`): the events it emits
 * (type → schema of `data`) — the only part of finance other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** An invoice's tracked fields (all on `invoice.created`, the changed ones on `invoice.updated`). */
const invoiceFields = z.object({
  name: z.string(),
  description: z.string().nullable(),
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
  'invoice.created': z.object({ after: invoiceFields }),
  'invoice.updated': z.object({ fields: z.array(z.string()), before: invoiceFields.partial(), after: invoiceFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'invoice.deleted': z.object({ title: z.string() }),
  'invoice.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'invoice.purged': empty,
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
