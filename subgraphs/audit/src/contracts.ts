import { z } from 'zod';

/*
 * The audit module's public contracts (`@cellgraph/audit/contracts`): the events it emits about
 * its own administration. It declares them audited, so they come back to its chain like any
 * module's (off the request path, from its outbox).
 */
export const auditEvents = {
  /** An owner or admin changed how long entries are kept (null: for ever). */
  'audit.retention_changed': z.object({
    fields: z.array(z.string()),
    before: z.object({ retentionDays: z.number().int().nullable() }),
    after: z.object({ retentionDays: z.number().int().nullable() }),
  }),
  /** Entries were exported to a File (`fileId`: its global id). */
  'audit.exported': z.object({
    format: z.enum(['CSV', 'JSONL']),
    entries: z.number().int(),
    fileId: z.string(),
    filter: z.record(z.string(), z.unknown()).nullable(),
  }),
} as const;

export type AuditEvents = typeof auditEvents;

/** The job that removes expired entries (hourly). */
export const AUDIT_RETENTION_JOB = 'audit-retention';
