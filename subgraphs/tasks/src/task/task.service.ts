import {
  AggregateAccess,
  claimOnce,
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  principalOrgId,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  toGlobalId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
  type AnalyticsSource,
  type SortKey,
  tagFilterField,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import { Board, BoardColumn } from '../board/board.entities.js';
import { positionInColumn, type Placement } from '../board/placement.js';
import { DependencyType } from '../dependency/dependency.entity.js';
import { Task, TaskPriority, TaskStatus } from './task.entity.js';
import { TaskChange } from './task.live.js';
import { assigneeNotMember, boardNotFound, columnNotFound, parentCycle, startAfterDue, TaskErrorCode, taskNotFound, wipLimitReached } from './task.errors.js';
import { emitTaskChange, emitTaskEvent, snapshot, type AutomationCause } from './task.events.js';
import { TaskOrderField, TasksArgs, type TaskCreateInput, type TaskFilter, type TaskMoveInput, type TaskUpdateInput } from './task.inputs.js';
import { taskErrorTexts } from '../messages.js';

const title = z.string().trim().min(1, zodMessage(taskErrorTexts.titleRequired)).max(500, zodMessage(taskErrorTexts.titleTooLong));
const description = z.string().max(100_000, zodMessage(taskErrorTexts.descriptionTooLong)).nullable();
const metadata = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 16_384, zodMessage(taskErrorTexts.customFieldsTooLarge));
const fields = {
  title,
  description: description.optional(),
  status: z.enum(TaskStatus).nullish(),
  priority: z.enum(TaskPriority).nullable().optional(),
  dueDate: z.date().nullable().optional(),
  startDate: z.date().nullable().optional(),
  assigneeId: globalIdOf('User').nullable().optional(),
  parentId: globalIdOf('Task').nullable().optional(),
  metadata: metadata.nullable().optional(),
  storyPoints: z.number().int().min(0, zodMessage(taskErrorTexts.storyPointsNegative)).max(1000).nullable().optional(),
};
const createInput = z
  .object({ ...fields, boardId: globalIdOf('Board').nullable().optional(), columnId: globalIdOf('BoardColumn').nullable().optional() })
  .refine((v) => !v.startDate || !v.dueDate || v.startDate <= v.dueDate, { message: zodMessage(taskErrorTexts.startAfterDue), path: ['startDate'] });
const updateInput = z.object({ ...fields, title: title.optional(), status: z.enum(TaskStatus).optional(), id: globalIdOf('Task') });
const moveInput = z.object({
  id: globalIdOf('Task'),
  columnId: globalIdOf('BoardColumn'),
  afterId: globalIdOf('Task').nullish(),
  beforeId: globalIdOf('Task').nullish(),
});
const idInput = z.object({ id: globalIdOf('Task') });

const filterSpec: FilterSpec = {
  id: { path: 'task.id', kind: 'id', idType: 'Task' },
  tags: tagFilterField('tasks', 'task.id'),
  title: { path: 'task.title', kind: 'string' },
  status: { path: 'task.status', kind: 'enum' },
  priority: { path: 'task.priority', kind: 'enum' },
  assignee: { path: 'task.assigneeId', kind: 'id', idType: 'User' },
  createdBy: { path: 'task.createdBy', kind: 'id', idType: 'User' },
  board: { path: 'task.boardId', kind: 'id', idType: 'Board' },
  column: { path: 'task.columnId', kind: 'id', idType: 'BoardColumn' },
  parent: { path: 'task.parentId', kind: 'id', idType: 'Task' },
  dueDate: { path: 'task.dueDate', kind: 'datetime' },
  startDate: { path: 'task.startDate', kind: 'datetime' },
  completedAt: { path: 'task.completedAt', kind: 'datetime' },
  createdAt: { path: 'task.createdAt', kind: 'datetime' },
  updatedAt: { path: 'task.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'task.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'task.updatedAt', sqlType: 'timestamptz' },
  dueDate: { path: 'task.dueDate', sqlType: 'timestamptz' },
  startDate: { path: 'task.startDate', sqlType: 'timestamptz' },
  title: { path: 'task.title', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'task.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];
export const byPosition: SortKey[] = [
  { name: 'position', path: 'task.position', sqlType: 'text', direction: 'ASC' },
  { name: 'id', path: 'task.id', sqlType: 'uuid', direction: 'ASC' },
];

/**
 * Tasks of the caller's organization: rules, permission checks, transactions, events and queries.
 * Members read and change every task; guests only tasks shared with them (or their teams).
 * Every change emits events with the fields before and after (see task.events.ts).
 */
export class TaskService {
  readonly access: AggregateAccess<Task>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Task', entity: Task, table: 'tasks.tasks', notFound: taskNotFound });
  }

  /** Tasks of the caller's organization it may read (the list view). */
  async list(request: RequestContext, args: TasksArgs): Promise<Connection<Task>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'task', readable),
      sort: this.sort(args),
      args,
    });
  }

  /**
   * `Board.scheduledTasks` of some boards, one page each: tasks with a start or due date overlapping
   * [from, to), by start date unless ordered otherwise.
   */
  listScheduled(request: RequestContext, boardIds: readonly string[], args: TasksArgs, from: Date | null, to: Date | null): Promise<Connection<Task>[]> {
    const ordered = Object.assign(new TasksArgs(), args, { orderBy: args.orderBy ?? [{ field: TaskOrderField.START_DATE, direction: OrderDirection.ASC }] });
    return this.listGrouped(request, 'task.boardId', boardIds, ordered, undefined, (query) => {
      query.andWhere('(task.startDate IS NOT NULL OR task.dueDate IS NOT NULL)');
      if (to) query.andWhere('coalesce(task.startDate, task.dueDate) < :to', { to });
      if (from) query.andWhere('coalesce(task.dueDate, task.startDate) >= :from', { from });
    });
  }

  /** `Team.tasks`: tasks assigned to the team's members. */
  async listOfTeam(request: RequestContext, teamId: string, args: TasksArgs): Promise<Connection<Task>> {
    const members = await this.authz.teamMembers(requireOrgId(request), teamId);
    return this.listWhere(request, args, (query) => query.andWhere(members.length ? 'task.assigneeId IN (:...members)' : 'FALSE', { members }));
  }

  /** One page of tasks per group (assignee, parent, column, board…), in a constant number of statements; `where` narrows every group alike. */
  async listGrouped(
    request: RequestContext,
    groupPath: string,
    groups: readonly string[],
    args: TasksArgs,
    sort?: SortKey[],
    where?: (query: SelectQueryBuilder<Task>) => void,
  ): Promise<Connection<Task>[]> {
    const readable = await this.access.readableIds(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Task,
        build: (em) => {
          const query = this.access.restrictToReadable(this.query(em, args.filter), 'task', readable);
          where?.(query);
          return query;
        },
        alias: 'task',
        groupPath,
        idProperty: 'id',
        sort: sort ?? this.sort(args),
        args,
      },
      groups,
    );
  }

  async create(request: RequestContext, input: TaskCreateInput, cause?: AutomationCause): Promise<Task> {
    const orgId = requireOrgId(request);
    const actorId = this.actorOf(request);
    await this.authz.require(request, 'write', 'Task');
    const valid = validateInput(createInput, input, TaskErrorCode.InvalidInput);
    if (valid.assigneeId) await this.requireMember(orgId, valid.assigneeId);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'taskCreate',
        input: valid,
        create: () => this.insert(em, valid, orgId, actorId, cause),
        load: (id) => em.findOneBy(Task, { id }),
      }),
    );
  }

  private async insert(em: EntityManager, valid: z.output<typeof createInput>, orgId: string, actorId: string, cause?: AutomationCause): Promise<Task> {
    const id = uuidv7();
    if (valid.parentId && !(await em.findOneBy(Task, { id: valid.parentId }))) throw taskNotFound(['input', 'parentId']);
    const column = await this.targetColumn(em, valid.boardId ?? null, valid.columnId ?? null);
    const task = em.create(Task, {
      id,
      orgId,
      title: valid.title,
      description: valid.description ?? null,
      status: column?.status ?? valid.status ?? TaskStatus.TODO,
      priority: valid.priority ?? null,
      dueDate: valid.dueDate ?? null,
      startDate: valid.startDate ?? null,
      assigneeId: valid.assigneeId ?? null,
      boardId: column?.boardId ?? null,
      columnId: column?.id ?? null,
      position: column ? await positionInColumn(em, column.id, id, {}) : null,
      parentId: valid.parentId ?? null,
      metadata: withStoryPoints(valid.metadata ?? {}, valid.storyPoints),
      completedAt: null,
      createdBy: actorId,
    });
    if (column) await this.requireRoom(em, column, id);
    if (task.status === TaskStatus.DONE) task.completedAt = new Date();
    const saved = await em.save(task);
    await this.watch(em, saved, [actorId, saved.assigneeId]);
    await emitTaskChange(this.db, em, null, saved, cause);
    return saved;
  }

  async update(request: RequestContext, input: TaskUpdateInput, cause?: AutomationCause): Promise<Task> {
    const orgId = requireOrgId(request);
    const { id, storyPoints, ...changes } = validateInput(updateInput, input, TaskErrorCode.InvalidInput);
    if (changes.assigneeId) await this.requireMember(orgId, changes.assigneeId);
    return this.db.transaction(request, async (em) => {
      const task = await this.access.loadForUpdate(em, request, 'write', id); // NOT_FOUND / FORBIDDEN
      const before = snapshot(task);
      if (changes.parentId) await this.requireNoParentCycle(em, id, changes.parentId);
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) Object.assign(task, { [key]: value });
      }
      if (storyPoints !== undefined) task.metadata = withStoryPoints(task.metadata, storyPoints);
      if (task.startDate && task.dueDate && task.startDate > task.dueDate) {
        throw startAfterDue();
      }
      return this.saveChange(em, before, task, cause);
    });
  }

  /** Moves a task into a column, after or before a neighbour or at the end; the column may set its status. */
  async move(request: RequestContext, input: TaskMoveInput, cause?: AutomationCause): Promise<Task> {
    const { id, columnId, afterId, beforeId } = validateInput(moveInput, input, TaskErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const task = await this.access.loadForUpdate(em, request, 'write', id);
      const column = await em.findOneBy(BoardColumn, { id: columnId });
      if (!column) throw columnNotFound();
      const before = snapshot(task);
      if (task.columnId !== column.id) await this.requireRoom(em, column, id);
      const placement: Placement = { afterId, beforeId };
      task.position = await positionInColumn(em, column.id, id, placement);
      task.columnId = column.id;
      task.boardId = column.boardId;
      if (column.status) task.status = column.status;
      return this.saveChange(em, before, task, cause);
    });
  }

  /** Moves a task to the trash (soft delete); it disappears from lists and references. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, TaskErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const task = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(Task, { id });
      await emitTaskEvent(this.db, em, task, 'task.deleted', { title: task.title });
    });
    return input.id;
  }

  /** Brings a task back from the trash (at the end of its column). */
  async restore(request: RequestContext, input: { id: string }): Promise<Task> {
    const { id } = validateInput(idInput, input, TaskErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(Task).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw taskNotFound();
      const task = await em.findOneByOrFail(Task, { id });
      if (task.columnId) {
        task.position = await positionInColumn(em, task.columnId, id, {});
        await em.save(task);
      }
      await emitTaskEvent(this.db, em, task, 'task.restored');
      return task;
    });
  }

  /**
   * What a live event means to the caller subscribed to a board's or a task's changes: the change,
   * or null when the event is about another task or board, or a task the caller may not read.
   */
  async liveChange(request: RequestContext, event: PublishedEvent, filter: { boardId: string | null; id: string | null }): Promise<TaskChange | null> {
    if (event.subject?.type !== 'Task' || !event.type.startsWith('task.') || event.orgId !== principalOrgId(request.principal)) return null;
    const taskId = event.subject.id;
    if ((!filter.boardId && !filter.id) || (filter.id && filter.id !== taskId)) return null;
    if (!(await this.authz.can(request, 'read', 'Task', taskId))) return null;
    const task = await this.db.transaction(request, (em) => em.findOne(Task, { where: { id: taskId }, withDeleted: true }));
    if (!task) return null;
    const before = event.data?.before as { boardId?: string | null } | undefined;
    if (filter.boardId && task.boardId !== filter.boardId && before?.boardId !== filter.boardId) return null;
    const fields = event.type === 'task.updated' && Array.isArray(event.data?.fields) ? (event.data.fields as string[]) : [];
    return Object.assign(new TaskChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      taskId: toGlobalId('Task', taskId),
      task: task.deletedAt ? null : task,
      changedFields: fields,
      actorId: event.actorId,
    });
  }

  /** TASK_ASSIGNEE_NOT_MEMBER unless `userId` is a member of the organization. */
  async requireMember(orgId: string, userId: string): Promise<void> {
    if (!(await this.authz.isMember(orgId, userId))) throw assigneeNotMember();
  }

  /** Saves a changed task with what follows from the change: completion time, watchers, events, unblocking. */
  private async saveChange(em: EntityManager, before: ReturnType<typeof snapshot>, task: Task, cause?: AutomationCause): Promise<Task> {
    if (task.status !== before.status) task.completedAt = task.status === TaskStatus.DONE ? new Date() : null;
    const saved = await em.save(task);
    if (saved.assigneeId && saved.assigneeId !== before.assigneeId) await this.watch(em, saved, [saved.assigneeId]);
    await emitTaskChange(this.db, em, before, saved, cause);
    if (saved.status === TaskStatus.DONE && before.status !== TaskStatus.DONE) await this.emitUnblocked(em, saved);
    return saved;
  }

  /** When a task completes, the tasks whose every finish-to-start predecessor is now done are unblocked. */
  private async emitUnblocked(em: EntityManager, completed: Task): Promise<void> {
    const rows: { task_id: string }[] = await em.query(
      `SELECT d.task_id FROM tasks.dependencies d
        WHERE d.depends_on_id = $1 AND d.type = $2
          AND NOT EXISTS (
            SELECT 1 FROM tasks.dependencies other JOIN tasks.tasks p ON p.id = other.depends_on_id
             WHERE other.task_id = d.task_id AND other.type = $2 AND p.status <> 'done' AND p.deleted_at IS NULL)`,
      [completed.id, DependencyType.FINISH_TO_START],
    );
    for (const { task_id } of rows) {
      await emitTaskEvent(this.db, em, { id: task_id, orgId: completed.orgId }, 'task.unblocked', { unblockedBy: completed.id });
    }
  }

  private async watch(em: EntityManager, task: Task, userIds: (string | null)[]): Promise<void> {
    for (const userId of new Set(userIds.filter((u): u is string => Boolean(u)))) {
      await claimOnce(em, 'tasks.watchers', { task_id: task.id, user_id: userId, org_id: task.orgId });
    }
  }

  /** The column a new task goes to: the given one, or the first of the given board. */
  private async targetColumn(em: EntityManager, boardId: string | null, columnId: string | null): Promise<BoardColumn | null> {
    if (columnId) {
      const column = await em.findOneBy(BoardColumn, { id: columnId });
      if (!column || (boardId && column.boardId !== boardId)) throw columnNotFound();
      return column;
    }
    if (!boardId) return null;
    if (!(await em.findOneBy(Board, { id: boardId }))) throw boardNotFound();
    const [first] = await em.find(BoardColumn, { where: { boardId }, order: { position: 'ASC' }, take: 1 });
    if (!first) throw columnNotFound(['input', 'boardId']);
    return first;
  }

  private async requireRoom(em: EntityManager, column: BoardColumn, taskId: string): Promise<void> {
    if (!column.wipLimit) return;
    const count = await em
      .createQueryBuilder(Task, 'task')
      .where('task.columnId = :columnId AND task.id <> :taskId', { columnId: column.id, taskId })
      .getCount();
    if (count >= column.wipLimit) throw wipLimitReached(column.wipLimit);
  }

  /** The new parent must not be the task or one of its descendants. */
  private async requireNoParentCycle(em: EntityManager, taskId: string, parentId: string): Promise<void> {
    if (!(await em.findOneBy(Task, { id: parentId }))) throw taskNotFound(['input', 'parentId']);
    const [{ cycle }] = (await em.query(
      `WITH RECURSIVE ancestors(id) AS (
         SELECT $2::uuid UNION SELECT t.parent_id FROM tasks.tasks t JOIN ancestors a ON t.id = a.id WHERE t.parent_id IS NOT NULL)
       SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $1) AS cycle`,
      [taskId, parentId],
    )) as [{ cycle: boolean }];
    if (cycle) throw parentCycle();
  }

  private actorOf(request: RequestContext): string {
    return requireUserId(request);
  }

  /** The list, restricted further by `where` (a board, a team's members). */
  private async listWhere(request: RequestContext, args: TasksArgs, where: (query: SelectQueryBuilder<Task>) => void): Promise<Connection<Task>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = this.access.restrictToReadable(this.query(em, args.filter), 'task', readable);
        where(query);
        return query;
      },
      sort: this.sort(args),
      args,
    });
  }

  /** The rows `tasks(filter:)` lists for the caller, for `taskAnalytics`. */
  async analyticsSource(request: RequestContext, filter: TaskFilter | null): Promise<AnalyticsSource> {
    const readable = await this.access.readableIds(request);
    return { db: this.db, query: (em) => this.access.restrictToReadable(this.query(em, filter), 'task', readable) };
  }

  private query(em: EntityManager, filter: TaskFilter | null | undefined) {
    const query = em.createQueryBuilder(Task, 'task');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }

  private sort(args: TasksArgs) {
    return sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder);
  }
}

function withStoryPoints(metadata: Record<string, unknown>, storyPoints: number | null | undefined): Record<string, unknown> {
  if (storyPoints === undefined) return metadata;
  const { storyPoints: _previous, ...rest } = metadata;
  return storyPoints === null ? rest : { ...rest, storyPoints };
}
