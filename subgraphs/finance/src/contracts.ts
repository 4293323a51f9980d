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

export const financeEvents = {
  'invoice.created': z.object({ after: invoiceFields }),
  'invoice.updated': z.object({ fields: z.array(z.string()), before: invoiceFields.partial(), after: invoiceFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'invoice.deleted': z.object({ title: z.string() }),
  'invoice.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'invoice.purged': empty,
} as const;

export type FinanceEvents = typeof financeEvents;
