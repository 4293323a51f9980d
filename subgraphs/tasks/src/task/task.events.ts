import { type Database, type SnapshotOf, TrackedFields } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { Task, TaskStatus } from './task.entity.js';

/** Set on events caused by an automation, so a chain of rules can be stopped. */
export interface AutomationCause {
  chain: string[];
}

/** Fields whose changes events report (before and after). */
const TRACKED = TrackedFields.of(Task, [
  'title',
  'description',
  'status',
  'priority',
  'dueDate',
  'startDate',
  'assigneeId',
  'boardId',
  'columnId',
  'position',
  'parentId',
  'metadata',
]);

export type TaskSnapshot = SnapshotOf<typeof TRACKED>;

export const snapshot = (task: Task): TaskSnapshot => TRACKED.snapshot(task);

/** The users an event about a task goes to: its watchers at the time of the change. */
async function recipientsOf(em: EntityManager, taskId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await em.query('SELECT user_id FROM tasks.watchers WHERE task_id = $1 ORDER BY created_at, user_id', [taskId]);
  return rows.map((row) => row.user_id);
}

/** Emits an event about a task, in the change's transaction, addressed to the task's watchers. */
export async function emitTaskEvent(
  db: Database,
  em: EntityManager,
  task: { id: string; orgId: string },
  type: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db.emit(em, { type, orgId: task.orgId, subject: { type: 'Task', id: task.id }, data: { ...data, recipients: await recipientsOf(em, task.id) } });
}

/**
 * The events of a change to a task, with the changed fields before and after: `task.updated`
 * always, plus the specific ones automations and notifications listen to (`task.assigned`,
 * `task.status_changed`, `task.completed`, `task.moved`).
 */
export async function emitTaskChange(db: Database, em: EntityManager, before: TaskSnapshot | null, task: Task, cause?: AutomationCause): Promise<void> {
  const after = snapshot(task);
  const change = before && TRACKED.change(before, after);
  if (before && !change) return; // no tracked field changed
  const base = { boardId: task.boardId, taskTitle: task.title, recipients: await recipientsOf(em, task.id), ...(cause ? { cause } : {}) };
  const emit = (type: string, data: Record<string, unknown>) =>
    db.emit(em, { type, orgId: task.orgId, subject: { type: 'Task', id: task.id }, data: { ...base, ...data } });
  if (!before || !change) {
    await emit('task.created', { after });
    if (task.assigneeId) await emit('task.assigned', { before: { assigneeId: null }, after: { assigneeId: task.assigneeId } });
    return;
  }
  const changed = change.fields;
  await emit('task.updated', change);
  if (changed.includes('assigneeId')) await emit('task.assigned', { before: TRACKED.pick(before, ['assigneeId']), after: TRACKED.pick(after, ['assigneeId']) });
  if (changed.includes('status')) {
    await emit('task.status_changed', { before: TRACKED.pick(before, ['status']), after: TRACKED.pick(after, ['status']) });
    if (task.status === TaskStatus.DONE) await emit('task.completed', {});
  }
  if (changed.includes('columnId') || changed.includes('position')) {
    await emit('task.moved', {
      before: TRACKED.pick(before, ['boardId', 'columnId', 'position']),
      after: TRACKED.pick(after, ['boardId', 'columnId', 'position']),
    });
  }
}
