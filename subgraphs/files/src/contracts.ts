import { z } from 'zod';

/*
 * The files module's public contracts (`@cellgraph/files/contracts`): the events it emits
 * (type → schema of `data`) and the jobs it runs — the only part of files other modules may
 * import. Values are as consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

export const filesEvents = {
  /** An upload completed: the File exists. `aboutId`: the object it is attached to. */
  'file.uploaded': z.object({ name: z.string(), contentType: z.string(), size: z.number().int(), aboutId: z.string().nullable() }),
  'file.renamed': z.object({ before: z.object({ name: z.string() }), after: z.object({ name: z.string() }) }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'file.deleted': z.object({ title: z.string() }),
  'file.restored': empty,
  /** Deleted for good (the kernel's trash emits it); the bytes follow with the cleanup job. */
  'file.purged': empty,
  /**
   * A member's avatar in the organization was set (`fileId`) or cleared (null); the subject is the
   * User. Ids are global ids; the actor is who set it (the user, or an owner or admin).
   */
  'user.avatarChanged': z.object({ fileId: z.string().nullable(), previousFileId: z.string().nullable() }),
} as const;

export type FilesEvents = typeof filesEvents;

/** Removes abandoned uploads and the objects of purged files from the store (every minute). */
export const FILES_CLEANUP_JOB = 'files.cleanup';
