import { evenlySpacedKeys, keyBetween, needsRebalance } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { Task } from '../task/task.entity.js';
import { neighbourNotInColumn } from '../task/task.errors.js';
export interface Placement {
  /** Place right after this task of the column … */
  afterId?: string | null;
  /** … or right before this one; neither: at the end. */
  beforeId?: string | null;
}

/**
 * The position for `taskId` in `columnId` at `placement`: a key between its new neighbours. The
 * column row is locked first, so concurrent moves into one column take turns and never pick the
 * same key. When keys grow too long the column is rebalanced (in two steps: the unique index on
 * positions holds at every statement).
 */
export async function positionInColumn(em: EntityManager, columnId: string, taskId: string, placement: Placement): Promise<string> {
  await em.query('SELECT id FROM tasks.columns WHERE id = $1 FOR UPDATE', [columnId]);
  const positionOf = async (id: string, field: string) => {
    const rows: { position: string }[] = await em.query('SELECT position FROM tasks.tasks WHERE id = $1 AND column_id = $2 AND deleted_at IS NULL', [
      id,
      columnId,
    ]);
    if (!rows[0] || id === taskId) throw neighbourNotInColumn(field);
    return rows[0].position;
  };
  const neighbour = async (comparison: '>' | '<', position: string | null) => {
    const order = comparison === '>' ? 'ASC' : 'DESC';
    const rows: { position: string }[] = await em.query(
      `SELECT position FROM tasks.tasks WHERE column_id = $1 AND deleted_at IS NULL AND id <> $2 ${position === null ? '' : `AND position ${comparison} $3`} ORDER BY position ${order} LIMIT 1`,
      position === null ? [columnId, taskId] : [columnId, taskId, position],
    );
    return rows[0]?.position ?? null;
  };
  let lower: string | null;
  let upper: string | null;
  if (placement.afterId) {
    lower = await positionOf(placement.afterId, 'afterId');
    upper = await neighbour('>', lower);
  } else if (placement.beforeId) {
    upper = await positionOf(placement.beforeId, 'beforeId');
    lower = await neighbour('<', upper);
  } else {
    lower = await neighbour('<', null);
    upper = null;
  }
  const key = keyBetween(lower, upper);
  return needsRebalance(key) ? rebalance(em, columnId, taskId, lower) : key;
}

/** Rewrites every key of the column evenly; returns the key for `taskId`, placed after `lower`. */
async function rebalance(em: EntityManager, columnId: string, taskId: string, lower: string | null): Promise<string> {
  const rows: { id: string; position: string }[] = await em.query(
    'SELECT id, position FROM tasks.tasks WHERE column_id = $1 AND deleted_at IS NULL AND id <> $2 ORDER BY position',
    [columnId, taskId],
  );
  const index = lower === null ? 0 : rows.findIndex((row) => row.position === lower) + 1;
  const ordered = [...rows.slice(0, index).map((r) => r.id), taskId, ...rows.slice(index).map((r) => r.id)];
  const keys = evenlySpacedKeys(ordered.length);
  const others = ordered.map((id, i) => ({ id, key: keys[i]! })).filter((entry) => entry.id !== taskId);
  // Clear first (the moving task too, should it be in this column): the new keys never meet old ones.
  await em.query('UPDATE tasks.tasks SET position = NULL WHERE column_id = $1 AND deleted_at IS NULL', [columnId]);
  if (others.length) {
    await em.query(`UPDATE tasks.tasks t SET position = v.position FROM unnest($1::uuid[], $2::text[]) AS v(id, position) WHERE t.id = v.id`, [
      others.map((o) => o.id),
      others.map((o) => o.key),
    ]);
  }
  return keys[ordered.indexOf(taskId)]!;
}

/** Keys for a new item at the end of an ordered list whose last key is `last`. */
export const keyAfter = (last: string | null) => keyBetween(last, null);

/** Ensures every task of `taskIds` is visible to the transaction's organization (row-level security). */
export async function existingTaskIds(em: EntityManager, taskIds: string[]): Promise<Set<string>> {
  if (!taskIds.length) return new Set();
  const found = await em
    .getRepository(Task)
    .createQueryBuilder('task')
    .select('task.id', 'id')
    .where('task.id IN (:...ids)', { ids: taskIds })
    .getRawMany<{ id: string }>();
  return new Set(found.map((row) => row.id));
}
