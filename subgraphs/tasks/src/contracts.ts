import { z } from 'zod';

/*
 * The tasks module's public contracts (`@cellgraph/tasks/contracts`): the events it emits (type →
 * schema of `data`) and the payloads of the jobs it accepts — the only part of tasks other modules
 * may import. Values are as consumers receive them (JSON: dates are ISO strings).
 */

const id = z.string();
const empty = z.object({});

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'canceled'] as const;
export const taskStatus = z.enum(TASK_STATUSES);
export type TaskStatusValue = z.output<typeof taskStatus>;

/** A task's tracked fields (all on `task.created`, the changed ones on `task.updated`). */
const taskFields = z.object({
  title: z.string(),
  description: z.string().nullable(),
  status: taskStatus,
  priority: z.enum(['urgent', 'high', 'medium', 'low']).nullable(),
  dueDate: z.string().nullable(),
  startDate: z.string().nullable(),
  assigneeId: id.nullable(),
  boardId: id.nullable(),
  columnId: z.string().nullable(),
  position: z.string().nullable(),
  parentId: id.nullable(),
  metadata: z.record(z.string(), z.unknown()),
});
/** Before and after of some of a task's fields. */
const taskFieldsChange = <S extends z.ZodObject>(fields: S) => ({ before: fields, after: fields });

/** The chain of automations that caused a change (set on their events, so a loop of rules stops). */
const cause = z.object({ chain: z.array(id) });
/** The task's watchers at the time of the change: the recipients of notifications about it. */
const recipients = z.array(id);
/** Every event of a change to a task (see emitTaskChange). */
const taskChange = z.object({ boardId: id.nullable(), taskTitle: z.string(), recipients, cause: cause.optional() });
/** Every other event about a task (see emitTaskEvent). */
const taskEvent = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, recipients });

export const tasksEvents = {
  'task.created': taskChange.extend({ after: taskFields }),
  'task.updated': taskChange.extend({ fields: z.array(z.string()), before: taskFields.partial(), after: taskFields.partial() }),
  'task.assigned': taskChange.extend(taskFieldsChange(taskFields.pick({ assigneeId: true }))),
  'task.status_changed': taskChange.extend(taskFieldsChange(taskFields.pick({ status: true }))),
  'task.completed': taskChange,
  'task.moved': taskChange.extend(taskFieldsChange(taskFields.pick({ boardId: true, columnId: true, position: true }))),
  'task.deleted': taskEvent({ title: z.string() }),
  'task.restored': taskEvent({}),
  'task.purged': empty,
  'task.unblocked': taskEvent({ unblockedBy: id }),
  'task.checklist_completed': taskEvent({ checklistId: id, title: z.string() }),
  'task.dependency_added': taskEvent({ dependsOnId: id, type: z.enum(['finish_to_start', 'start_to_start', 'finish_to_finish']) }),
  'task.dependency_removed': taskEvent({ dependsOnId: id }),
  'task.watcher_added': taskEvent({ userId: id }),
  'task.watcher_removed': taskEvent({ userId: id }),
  'board.created': z.object({ name: z.string() }),
  'board.updated': z.object({
    before: z.object({ name: z.string(), viewType: z.string(), config: z.record(z.string(), z.unknown()) }),
    after: z.object({ name: z.string(), viewType: z.string(), config: z.record(z.string(), z.unknown()) }),
  }),
  'board.deleted': z.object({ title: z.string() }),
  'board.restored': empty,
  'board.purged': empty,
  /** A board automation's "notify" action: notifications delivers it. */
  'automation.notification_requested': z.object({ automationId: id, automation: z.string(), message: z.string(), recipients, cause }),
} as const;

export type TasksEvents = typeof tasksEvents;

/** The jobs tasks accepts (`recurrence.run`: create the task a recurrence is due to create). */
export const tasksJobs = {
  'recurrence.run': z.object({ orgId: id, recurrenceId: id, dueAt: z.string() }),
} as const;
