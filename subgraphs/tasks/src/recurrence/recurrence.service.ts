import {
  claimOnce,
  fromGlobalId,
  globalIdOf,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Database,
  type JobQueue,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { BoardColumn } from '../board/board.entities.js';
import { positionInColumn } from '../board/placement.js';
import { Task, TaskPriority, TaskStatus } from '../task/task.entity.js';
import { emitTaskChange } from '../task/task.events.js';
import { AssigneeStrategy, Recurrence } from './recurrence.entities.js';
import { RecurrenceErrorCode, recurrenceAssigneeNotMember, recurrenceColumnNotFound, recurrenceNotFound } from './recurrence.errors.js';
import { nextDue, scheduleProblem } from './schedule.js';
import { taskErrorTexts } from '../messages.js';

export const RECURRENCE_RUN_JOB = 'recurrence.run';
export const RECURRENCE_SWEEP_JOB = 'recurrence.sweep';
const SWEEP_AHEAD_MS = 60_000;

const createInput = z
  .object({
    title: z.string().trim().min(1, zodMessage(taskErrorTexts.titleRequired)).max(500),
    description: z.string().max(100_000).nullish(),
    priority: z.enum(TaskPriority).nullish(),
    columnId: globalIdOf('BoardColumn').nullish(),
    cron: z.string().trim().min(1, zodMessage(taskErrorTexts.cronRequired)).max(120),
    timezone: z.string().default('UTC'),
    assigneeStrategy: z.enum(AssigneeStrategy).default(AssigneeStrategy.SAME),
    assigneeIds: z.array(globalIdOf('User')).max(100).default([]),
  })
  .superRefine((value, ctx) => {
    const problem = scheduleProblem(value.cron, value.timezone);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export interface RunJob {
  orgId: string;
  recurrenceId: string;
  dueAt: string;
}

/**
 * Recurring tasks: a template and a cron schedule. Each due time is a delayed BullMQ job (id
 * derived from the due time, so it is queued once); running it creates the task and records the
 * run under a primary key (recurrence, due time) in the same transaction — a second worker, a
 * redelivery or a sweep finding the same due time creates nothing. Missed due times (downtime)
 * are not replayed: the next run is the first due time after now.
 */
export class RecurrenceService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly jobs: JobQueue,
  ) {}

  async create(request: RequestContext, input: z.input<typeof createInput>): Promise<Recurrence> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    await this.authz.require(request, 'write', 'Task');
    const valid = validateInput(createInput, input, RecurrenceErrorCode.InvalidInput);
    for (const userId of valid.assigneeIds) {
      if (!(await this.authz.isMember(orgId, userId))) throw recurrenceAssigneeNotMember();
    }
    return this.db.transaction(request, async (em, hooks) => {
      const column = valid.columnId ? await em.findOneBy(BoardColumn, { id: valid.columnId }) : null;
      if (valid.columnId && !column) throw recurrenceColumnNotFound();
      const recurrence = em.create(Recurrence, {
        id: uuidv7(),
        orgId,
        title: valid.title,
        description: valid.description ?? null,
        priority: valid.priority ?? null,
        boardId: column?.boardId ?? null,
        columnId: column?.id ?? null,
        cron: valid.cron,
        timezone: valid.timezone,
        assigneeStrategy: valid.assigneeStrategy,
        assigneeIds: valid.assigneeIds,
        nextAssigneeIndex: 0,
        nextRunAt: nextDue(valid.cron, valid.timezone, new Date()),
        active: true,
        createdBy,
      });
      await em.insert(Recurrence, recurrence);
      hooks.afterCommit(() => this.schedule(recurrence));
      return em.findOneByOrFail(Recurrence, { id: recurrence.id });
    });
  }

  async setActive(request: RequestContext, id: string, active: boolean): Promise<Recurrence> {
    const recurrenceId = fromGlobalId('TaskRecurrence', id);
    await this.authz.require(request, 'write', 'Task');
    return this.db.transaction(request, async (em, hooks) => {
      const recurrence = await em.findOneBy(Recurrence, { id: recurrenceId });
      if (!recurrence) throw recurrenceNotFound();
      recurrence.active = active;
      if (active) recurrence.nextRunAt = nextDue(recurrence.cron, recurrence.timezone, new Date());
      const saved = await em.save(recurrence);
      if (active) hooks.afterCommit(() => this.schedule(saved));
      return saved;
    });
  }

  async delete(request: RequestContext, id: string): Promise<string> {
    const recurrenceId = fromGlobalId('TaskRecurrence', id);
    await this.authz.require(request, 'write', 'Task');
    await this.db.transaction(request, async (em) => {
      const deleted = await em
        .createQueryBuilder()
        .softDelete()
        .from(Recurrence)
        .where('id = :recurrenceId AND deleted_at IS NULL', { recurrenceId })
        .execute();
      if (!deleted.affected) throw recurrenceNotFound();
    });
    return id;
  }

  async list(request: RequestContext): Promise<Recurrence[]> {
    await this.authz.require(request, 'read', 'Task');
    return this.db.transaction(request, (em) => em.find(Recurrence, { order: { createdAt: 'ASC' } }));
  }

  /** The job of one due time: creates its task once, then schedules the next due time. */
  async run(job: RunJob): Promise<void> {
    const dueAt = new Date(job.dueAt);
    const next = await this.db.transaction({ orgId: job.orgId, userId: null }, async (em) => {
      const recurrence = await em.findOne(Recurrence, { where: { id: job.recurrenceId }, lock: { mode: 'pessimistic_write' } });
      if (!recurrence || !recurrence.active || recurrence.deletedAt || recurrence.nextRunAt?.getTime() !== dueAt.getTime()) return null;
      const taskId = uuidv7();
      if (!(await claimOnce(em, 'tasks.recurrence_runs', { recurrence_id: recurrence.id, due_at: dueAt, org_id: recurrence.orgId, task_id: taskId })))
        return null;
      await this.createInstance(em, recurrence, taskId, dueAt);
      recurrence.nextRunAt = nextDue(recurrence.cron, recurrence.timezone, new Date(Math.max(dueAt.getTime(), Date.now())));
      recurrence.nextAssigneeIndex += 1;
      return em.save(recurrence);
    });
    if (next) await this.schedule(next);
  }

  /**
   * Every minute: (re)queues due times about to come, should a job have been lost. Reads every
   * organization's due times as the maintenance role (which sees only these columns).
   */
  async sweep(): Promise<void> {
    const due: { id: string; org_id: string; next_run_at: Date }[] = await this.db.maintenanceTransaction((em) =>
      em.query('SELECT id, org_id, next_run_at FROM tasks.recurrences WHERE active AND deleted_at IS NULL AND next_run_at <= $1', [
        new Date(Date.now() + SWEEP_AHEAD_MS),
      ]),
    );
    for (const row of due) await this.schedule({ id: row.id, orgId: row.org_id, nextRunAt: row.next_run_at });
  }

  private async schedule(recurrence: Pick<Recurrence, 'id' | 'orgId' | 'nextRunAt'>): Promise<void> {
    if (!recurrence.nextRunAt) return;
    const job: RunJob = { orgId: recurrence.orgId, recurrenceId: recurrence.id, dueAt: recurrence.nextRunAt.toISOString() };
    await this.jobs.enqueue(
      RECURRENCE_RUN_JOB,
      { ...job },
      { jobId: `recurrence-${recurrence.id}-${recurrence.nextRunAt.getTime()}`, delay: Math.max(0, recurrence.nextRunAt.getTime() - Date.now()) },
    );
  }

  private async createInstance(em: EntityManager, recurrence: Recurrence, taskId: string, dueAt: Date): Promise<void> {
    const column = recurrence.columnId ? await em.findOneBy(BoardColumn, { id: recurrence.columnId }) : null;
    const task = em.create(Task, {
      id: taskId,
      orgId: recurrence.orgId,
      title: recurrence.title,
      description: recurrence.description,
      status: column?.status ?? TaskStatus.TODO,
      priority: recurrence.priority,
      dueDate: dueAt,
      startDate: null,
      assigneeId: await this.assigneeFor(em, recurrence),
      boardId: column?.boardId ?? null,
      columnId: column?.id ?? null,
      position: column ? await positionInColumn(em, column.id, taskId, {}) : null,
      parentId: null,
      metadata: { recurrenceId: recurrence.id },
      completedAt: null,
      createdBy: recurrence.createdBy,
    });
    const saved = await em.save(task);
    await emitTaskChange(this.db, em, null, saved);
  }

  private async assigneeFor(em: EntityManager, recurrence: Recurrence): Promise<string | null> {
    const ids = recurrence.assigneeIds;
    if (!ids.length) return null;
    switch (recurrence.assigneeStrategy) {
      case AssigneeStrategy.SAME:
        return ids[0]!;
      case AssigneeStrategy.ROTATE:
        return ids[recurrence.nextAssigneeIndex % ids.length]!;
      case AssigneeStrategy.ROUND_ROBIN: {
        const loads: { assignee_id: string; open: string }[] = await em.query(
          `SELECT assignee_id, count(*) AS open FROM tasks.tasks WHERE assignee_id = ANY($1) AND status IN ('todo', 'in_progress') AND deleted_at IS NULL GROUP BY assignee_id`,
          [ids],
        );
        const load = new Map(loads.map((row) => [row.assignee_id, Number(row.open)]));
        return [...ids].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || ids.indexOf(a) - ids.indexOf(b))[0]!;
      }
    }
  }
}
