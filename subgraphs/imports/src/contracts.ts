import { z } from 'zod';

/*
 * The imports module's public contracts (`@cellgraph/imports/contracts`): the events it emits
 * (type → schema of `data`) — the only part of imports other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});
const status = z.enum(['UPLOADED', 'MAPPED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED']);

/** Where an import stands: its rows done so far, by outcome. */
const counts = z.object({
  status,
  rowCount: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  skippedRows: z.number().int(),
  failedRows: z.number().int(),
});

export const importsEvents = {
  /** A file read for an import (its rows stored, nothing created yet). */
  'data_import.created': z.object({ type: z.string(), fileName: z.string(), rowCount: z.number().int() }),
  'data_import.mapped': z.object({ mapping: z.array(z.object({ column: z.string(), field: z.string() })) }),
  /** The job was enqueued, acting for the user who started it. */
  'data_import.started': z.object({ rowCount: z.number().int() }),
  /** A batch of rows is done (not one event per row). */
  'data_import.progressed': counts,
  'data_import.completed': counts.extend({ reportFileId: z.string().nullable() }),
  /** The job stopped early (`reason`: a message key, e.g. sessionExpired). */
  'data_import.failed': counts.extend({ reason: z.string() }),
  'data_import.canceled': counts,
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'data_import.deleted': z.object({ title: z.string() }),
  'data_import.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'data_import.purged': empty,
} as const;

export type ImportsEvents = typeof importsEvents;
