import { z } from 'zod';

/*
 * The audit module's public contracts (`@cellgraph/audit/contracts`): the events it emits
 * (type → schema of `data`) — the only part of audit other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** An audit entry's tracked fields (all on `audit_entry.created`, the changed ones on `audit_entry.updated`). */
const auditEntryFields = z.object({
  name: z.string(),
  description: z.string().nullable(),
});

export const auditEvents = {
  'audit_entry.created': z.object({ after: auditEntryFields }),
  'audit_entry.updated': z.object({ fields: z.array(z.string()), before: auditEntryFields.partial(), after: auditEntryFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'audit_entry.deleted': z.object({ title: z.string() }),
  'audit_entry.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'audit_entry.purged': empty,
} as const;

export type AuditEvents = typeof auditEvents;
