import { z } from 'zod';

/*
 * The files module's public contracts (`@cellgraph/files/contracts`): the events it emits
 * (type → schema of `data`) — the only part of files other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** A file's tracked fields (all on `file.created`, the changed ones on `file.updated`). */
const fileFields = z.object({
  name: z.string(),
  description: z.string().nullable(),
});

export const filesEvents = {
  'file.created': z.object({ after: fileFields }),
  'file.updated': z.object({ fields: z.array(z.string()), before: fileFields.partial(), after: fileFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'file.deleted': z.object({ title: z.string() }),
  'file.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'file.purged': empty,
} as const;

export type FilesEvents = typeof filesEvents;
