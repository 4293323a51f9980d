import type { TrashSpec } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';

/** The purge: the rows go and their objects are queued for the cleanup job, in the purge's transaction. */
async function purgeFileRows(em: EntityManager, ids: string[]): Promise<[]> {
  await em.query(
    `WITH gone AS (DELETE FROM files.files WHERE id = ANY($1) RETURNING org_id, storage_key)
     INSERT INTO files.purged_objects (storage_key, org_id) SELECT storage_key, org_id FROM gone ON CONFLICT DO NOTHING`,
    [ids],
  );
  return [];
}

/** Files in the trash: deleted for good after 30 days, or by `filePurge`; their bytes then go with the cleanup job. */
export const fileTrash: TrashSpec = {
  type: 'File',
  table: 'files',
  event: 'file',
  purge: purgeFileRows,
};

/**
 * A folder's purge takes everything under it in the trash along (the folders and files that went to
 * the trash with it, or were deleted on their own inside it), each announced as purged; what is under
 * it but out of the trash (restored on its own since) stays, moved to the top level.
 */
async function purgeFolderRows(em: EntityManager, ids: string[]): Promise<{ spec: TrashSpec; ids: string[] }[]> {
  const tree: string[] = (
    (await em.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM files.folders WHERE id = ANY($1)
         UNION
         SELECT f.id FROM files.folders f JOIN tree ON f.parent_id = tree.id WHERE f.deleted_at IS NOT NULL
       ) SELECT id FROM tree`,
      [ids],
    )) as { id: string }[]
  ).map((row) => row.id);
  await em.query('UPDATE files.folders SET parent_id = NULL WHERE parent_id = ANY($1) AND NOT (id = ANY($1))', [tree]);
  await em.query('UPDATE files.files SET folder_id = NULL WHERE folder_id = ANY($1) AND deleted_at IS NULL', [tree]);
  const files: string[] = ((await em.query('SELECT id FROM files.files WHERE folder_id = ANY($1)', [tree])) as { id: string }[]).map((row) => row.id);
  if (files.length) await purgeFileRows(em, files);
  await em.query('DELETE FROM files.folders WHERE id = ANY($1)', [tree]);
  const inside = tree.filter((id) => !ids.includes(id));
  return [
    { spec: fileTrash, ids: files },
    { spec: folderTrash, ids: inside },
  ];
}

/** Folders in the trash (with what went there with them): deleted for good after 30 days, or by `folderPurge`. */
export const folderTrash: TrashSpec = {
  type: 'Folder',
  table: 'folders',
  event: 'folder',
  purge: purgeFolderRows,
};
