import {
  fromGlobalId,
  globalIdOf,
  principalUserId,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Database,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import { In, IsNull } from 'typeorm';
import { z } from 'zod';
import type { TaskService } from '../task/task.service.js';
import { TimeEntry } from './time-entry.entity.js';
import { entryNotFound, noRunningTimer, reportPeriodInverted, reportPeriodsMany, TimeErrorCode } from './time.errors.js';
import { TimeGrouping, type TimeReportRow } from './time.inputs.js';
import { taskErrorTexts } from '../messages.js';
const note = z.string().max(2000, zodMessage(taskErrorTexts.timeNoteTooLong)).nullish();
const manualInput = z
  .object({
    taskId: globalIdOf('Task'),
    startedAt: z.date(),
    endedAt: z.date().nullish(),
    durationSeconds: z
      .number()
      .int()
      .min(1, zodMessage(taskErrorTexts.durationPositive))
      .max(7 * 24 * 3600)
      .nullish(),
    billable: z.boolean().default(false),
    note,
  })
  .refine((v) => (v.endedAt ? 1 : 0) + (v.durationSeconds ? 1 : 0) === 1, { message: zodMessage(taskErrorTexts.endOrDuration), path: ['endedAt'] })
  .refine((v) => !v.endedAt || v.endedAt > v.startedAt, { message: zodMessage(taskErrorTexts.endAfterStart), path: ['endedAt'] });

/**
 * Time tracking: one running timer per user (starting a timer stops the running one — the
 * database guarantees one per user), manual entries, and reports grouped by task, user and period.
 */
export class TimeService {
  constructor(
    private readonly db: Database,
    private readonly tasks: TaskService,
    private readonly authz: Authorizer,
  ) {}

  /** Starts a timer on a task; a timer already running for the caller is stopped first. */
  async start(request: RequestContext, input: { taskId: string; billable?: boolean | null; note?: string | null }): Promise<TimeEntry> {
    const userId = requireUserId(request);
    const taskId = fromGlobalId('Task', input.taskId, 'taskId');
    await this.tasks.access.requireExisting(request, 'read', taskId, ['input', 'taskId']);
    const valid = validateInput(z.object({ note }), { note: input.note }, TimeErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const now = new Date();
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tasks.timer.${userId}`]);
      await em.update(TimeEntry, { userId, endedAt: IsNull() }, { endedAt: now });
      const entry = em.create(TimeEntry, {
        id: uuidv7(),
        orgId: requireOrgId(request),
        taskId,
        userId,
        startedAt: now,
        endedAt: null,
        billable: input.billable ?? false,
        note: valid.note ?? null,
      });
      await em.insert(TimeEntry, entry);
      return em.findOneByOrFail(TimeEntry, { id: entry.id });
    });
  }

  async stop(request: RequestContext): Promise<TimeEntry> {
    const userId = requireUserId(request);
    return this.db.transaction(request, async (em) => {
      const running = await em.findOne(TimeEntry, { where: { userId, endedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!running) throw noRunningTimer();
      running.endedAt = new Date();
      return em.save(running);
    });
  }

  async createManual(request: RequestContext, input: z.input<typeof manualInput>): Promise<TimeEntry> {
    const userId = requireUserId(request);
    const valid = validateInput(manualInput, input, TimeErrorCode.InvalidInput);
    await this.tasks.access.requireExisting(request, 'read', valid.taskId, ['input', 'taskId']);
    const endedAt = valid.endedAt ?? new Date(valid.startedAt.getTime() + valid.durationSeconds! * 1000);
    return this.db.transaction(request, async (em) => {
      const entry = em.create(TimeEntry, {
        id: uuidv7(),
        orgId: requireOrgId(request),
        taskId: valid.taskId,
        userId,
        startedAt: valid.startedAt,
        endedAt,
        billable: valid.billable,
        note: valid.note ?? null,
      });
      await em.insert(TimeEntry, entry);
      return em.findOneByOrFail(TimeEntry, { id: entry.id });
    });
  }

  async update(request: RequestContext, input: { id: string; billable?: boolean | null; note?: string | null }): Promise<TimeEntry> {
    const entry = await this.own(request, input.id);
    const valid = validateInput(z.object({ note }), { note: input.note }, TimeErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      if (input.billable !== undefined && input.billable !== null) entry.billable = input.billable;
      if (input.note !== undefined) entry.note = valid.note ?? null;
      return em.save(entry);
    });
  }

  async delete(request: RequestContext, id: string): Promise<string> {
    const entry = await this.own(request, id);
    await this.db.transaction(request, (em) => em.delete(TimeEntry, { id: entry.id }));
    return id;
  }

  async runningTimer(request: RequestContext): Promise<TimeEntry | null> {
    const userId = principalUserId(request.principal);
    if (!userId) return null;
    return this.db.transaction(request, (em) => em.findOneBy(TimeEntry, { userId, endedAt: IsNull() }));
  }

  async entriesOf(request: RequestContext, taskIds: readonly string[]): Promise<TimeEntry[]> {
    return this.db.transaction(request, (em) => em.find(TimeEntry, { where: { taskId: In([...taskIds]) }, order: { startedAt: 'ASC' } }));
  }

  /**
   * Seconds tracked in [from, to) (by start time; running timers count up to now), grouped by the
   * given dimensions, optionally only some users, tasks, or billable time.
   */
  async report(
    request: RequestContext,
    input: { from: Date; to: Date; groupBy: TimeGrouping[]; userIds?: string[] | null; taskIds?: string[] | null; billableOnly?: boolean | null },
  ): Promise<TimeReportRow[]> {
    requireOrgId(request);
    // Members report on everyone; others (guests) on their own time only.
    const ownOnly = !(await this.authz.can(request, 'read', 'Task')) ? principalUserId(request.principal) : null;
    if (!(input.from < input.to)) throw reportPeriodInverted();
    const periods = input.groupBy.filter((g) => [TimeGrouping.DAY, TimeGrouping.WEEK, TimeGrouping.MONTH].includes(g));
    if (periods.length > 1) throw reportPeriodsMany();
    const byTask = input.groupBy.includes(TimeGrouping.TASK);
    const byUser = input.groupBy.includes(TimeGrouping.USER);
    const period = periods[0];
    const seconds = 'extract(epoch from (coalesce(e.ended_at, now()) - e.started_at))';
    const params: unknown[] = [input.from, input.to];
    const where = ['e.started_at >= $1', 'e.started_at < $2'];
    if (input.userIds?.length) where.push(`e.user_id = ANY($${params.push(input.userIds.map((id) => fromGlobalId('User', id, 'userIds')))})`);
    if (input.taskIds?.length) where.push(`e.task_id = ANY($${params.push(input.taskIds.map((id) => fromGlobalId('Task', id, 'taskIds')))})`);
    if (ownOnly) where.push(`e.user_id = $${params.push(ownOnly)}`);
    if (input.billableOnly) where.push('e.billable');
    const dimensions = [
      byTask ? 'e.task_id' : 'NULL::uuid',
      byUser ? 'e.user_id' : 'NULL::uuid',
      period ? `date_trunc('${period}', e.started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'` : 'NULL::timestamptz',
    ];
    const rows: { task_id: string | null; user_id: string | null; period: Date | null; total: string; billable: string; entries: string }[] =
      await this.db.transaction(request, (em) =>
        em.query(
          `SELECT ${dimensions[0]} AS task_id, ${dimensions[1]} AS user_id, ${dimensions[2]} AS period,
                round(sum(${seconds})) AS total, round(coalesce(sum(${seconds}) FILTER (WHERE e.billable), 0)) AS billable, count(*) AS entries
           FROM tasks.time_entries e JOIN tasks.tasks t ON t.id = e.task_id AND t.deleted_at IS NULL
          WHERE ${where.join(' AND ')}
          GROUP BY 1, 2, 3 ORDER BY 3 NULLS FIRST, 1 NULLS FIRST, 2 NULLS FIRST`,
          params,
        ),
      );
    return rows.map((row) => ({
      taskId: row.task_id,
      userId: row.user_id,
      period: row.period,
      totalSeconds: Number(row.total),
      billableSeconds: Number(row.billable),
      entries: Number(row.entries),
    }));
  }

  private async own(request: RequestContext, idInput: string): Promise<TimeEntry> {
    const userId = requireUserId(request);
    const id = fromGlobalId('TimeEntry', idInput);
    const entry = await this.db.transaction(request, (em) => em.findOneBy(TimeEntry, { id, userId }));
    if (!entry) throw entryNotFound();
    return entry;
  }
}
