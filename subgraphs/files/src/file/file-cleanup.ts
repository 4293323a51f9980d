import type { Database } from '@cellgraph/kernel';
import type { ObjectStore } from '../storage/object-store.js';

const BATCH = 500;

/**
 * The cleanup job: uploads begun and never completed (past their abandon time, when their PUT URL
 * has long expired) and the objects of purged files leave the store. Found across organizations by
 * the maintenance role; removed organization by organization as the app role, rows deleted in the
 * same transaction as the objects, so a failed deletion leaves the rows for the next run.
 */
export class FileCleanup {
  constructor(
    private readonly db: Database,
    private readonly store: ObjectStore,
  ) {}

  async run(): Promise<{ uploads: number; objects: number }> {
    const uploads: { id: string; org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(`SELECT id, org_id FROM files.uploads WHERE abandoned_at < now() ORDER BY abandoned_at LIMIT ${BATCH}`),
    );
    const objects: { storage_key: string; org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(`SELECT storage_key, org_id FROM files.purged_objects LIMIT ${BATCH}`),
    );
    let removedUploads = 0;
    for (const [orgId, ids] of byOrg(uploads, (row) => row.id)) {
      removedUploads += await this.db.transaction({ orgId, userId: null }, async (em) => {
        // TypeORM answers a DELETE … RETURNING with [rows, count].
        const [gone]: [{ storage_key: string }[], number] = await em.query(
          `DELETE FROM files.uploads WHERE id = ANY($1) AND abandoned_at < now() RETURNING storage_key`,
          [ids],
        );
        await this.store.delete(gone.map((row) => row.storage_key));
        return gone.length;
      });
    }
    let removedObjects = 0;
    for (const [orgId, keys] of byOrg(objects, (row) => row.storage_key)) {
      removedObjects += await this.db.transaction({ orgId, userId: null }, async (em) => {
        const [gone]: [{ storage_key: string }[], number] = await em.query(
          `DELETE FROM files.purged_objects WHERE storage_key = ANY($1) RETURNING storage_key`,
          [keys],
        );
        await this.store.delete(gone.map((row) => row.storage_key));
        return gone.length;
      });
    }
    return { uploads: removedUploads, objects: removedObjects };
  }
}

function byOrg<T extends { org_id: string }>(rows: T[], value: (row: T) => string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.org_id, [...(groups.get(row.org_id) ?? []), value(row)]);
  return groups;
}
