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
