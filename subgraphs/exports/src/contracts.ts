import { z } from 'zod';

/*
 * The exports module's public contracts (`@cellgraph/exports/contracts`): the events it emits
 * (type → schema of `data`) — the only part of exports other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings). Every event's subject is the DataExport;
 * its actor the creator (also for the job's events: the job acts for them).
 */

const format = z.enum(['CSV', 'XLSX', 'JSON']);
const state = z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED']);

export const exportsEvents = {
  /** Queued: what is exported (the query and its variables) is part of the audit trail. */
  'data_export.created': z.object({ name: z.string(), format, query: z.string(), variables: z.record(z.string(), z.unknown()).nullable() }),
  /** The job began (again, after a crashed attempt: from the start). */
  'data_export.started': z.object({ state, rowsExported: z.literal(0) }),
  /** Rows written so far, every few thousand rows. */
  'data_export.progressed': z.object({ state, rowsExported: z.number().int() }),
  'data_export.succeeded': z.object({ state, rowsExported: z.number().int(), fileId: z.string() }),
  'data_export.failed': z.object({ state, rowsExported: z.number().int(), errorCode: z.string(), errorDetail: z.string().nullable() }),
  'data_export.canceled': z.object({ state, rowsExported: z.number().int() }),
} as const;

export type ExportsEvents = typeof exportsEvents;

/** The job that runs an export (job id `data-export-<id>`). */
export const DATA_EXPORT_RUN_JOB = 'data-export-run';
