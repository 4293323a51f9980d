import { z } from 'zod';

/*
 * The files module's public contracts (`@cellgraph/files/contracts`): the events it emits
 * (type → schema of `data`) and the jobs it runs — the only part of files other modules may
 * import. Values are as consumers receive them (JSON: dates are ISO strings). Folder ids
 * (`folderId`, `parentId`, `folderIds`) are the folders' uuids, as `subject.id`; `aboutId` is the
 * global id of the object a file is attached to (any Node). A null folder is the top level.
 */

const empty = z.object({});
const folderId = z.string().uuid().nullable();

export const filesEvents = {
  /** An upload completed: the File exists. `aboutId`: the object it is attached to; `folderId`: where it is. */
  'file.uploaded': z.object({
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    aboutId: z.string().nullable(),
    folderId: folderId.optional(),
  }),
  'file.renamed': z.object({ before: z.object({ name: z.string() }), after: z.object({ name: z.string() }) }),
  /** Moved to another folder (`fileMove`). */
  'file.moved': z.object({ name: z.string(), aboutId: z.string().nullable(), before: z.object({ folderId }), after: z.object({ folderId }) }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'file.deleted': z.object({ title: z.string() }),
  'file.restored': empty,
  /** Deleted for good (the kernel's trash emits it); the bytes follow with the cleanup job. */
  'file.purged': empty,
  'folder.created': z.object({ name: z.string(), parentId: folderId }),
  'folder.renamed': z.object({ parentId: folderId, before: z.object({ name: z.string() }), after: z.object({ name: z.string() }) }),
  'folder.moved': z.object({ name: z.string(), before: z.object({ parentId: folderId }), after: z.object({ parentId: folderId }) }),
  /**
   * Moved to the trash with everything in it; `title` is what the cell's trash shows (the folder
   * alone: what went with it comes back with it). `folderIds`: the folder and those inside it that
   * went along; `files`: how many files went along; `aboutIds`: the objects those files are attached to.
   */
  'folder.deleted': z.object({
    title: z.string(),
    parentId: folderId,
    folderIds: z.array(z.string().uuid()),
    files: z.number().int(),
    aboutIds: z.array(z.string()),
  }),
  /** Back from the trash with what went with it (same fields as `folder.deleted`; `parentId` where it now is). */
  'folder.restored': z.object({
    parentId: folderId,
    folderIds: z.array(z.string().uuid()),
    files: z.number().int(),
    aboutIds: z.array(z.string()),
  }),
  /** Deleted for good (the kernel's trash emits it), with the folders and files inside it (their own `purged` events). */
  'folder.purged': empty,
  /**
   * A member's avatar in the organization was set (`fileId`) or cleared (null); the subject is the
   * User. Ids are global ids; the actor is who set it (the user, or an owner or admin).
   */
  'user.avatarChanged': z.object({ fileId: z.string().nullable(), previousFileId: z.string().nullable() }),
} as const;

export type FilesEvents = typeof filesEvents;

/** Removes abandoned uploads and the objects of purged files from the store (every minute). */
export const FILES_CLEANUP_JOB = 'files.cleanup';
