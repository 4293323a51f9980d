import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../scripts/testing/fault-harness.js';
import { tasksSubgraph } from '../src/index.js';
import type { TasksServices } from '../src/services.js';

let database: TestDatabase;
let first: SubgraphHarness;
let second: SubgraphHarness;
let alice: TestMember;
let bob: TestMember;

const services = (harness: SubgraphHarness) => harness.servers[0]!.services as TasksServices;

const { mutate } = mutationsOf(() => first, 'tasks');

beforeAll(async () => {
  database = await createTestDatabase();
  // Two processes of the tasks subgraph sharing the database and the queues: two workers.
  const shared = { REDIS_KEY_PREFIX: `cgtest:${randomBytes(6).toString('hex')}` };
  first = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url, env: shared });
  second = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url, env: shared });
  alice = await testMember(database.url);
  bob = await testMember(database.url, 'member', alice.orgId);
});
afterAll(async () => {
  await second?.stop();
  await first?.stop();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recurring tasks', () => {
  it('create exactly one task per due time with two workers, rotating assignees', async () => {
    const recurrence = (
      await mutate(
        alice.principal,
        'taskRecurrenceCreate',
        {
          title: 'Stand-up notes',
          cron: '* * * * * *',
          assigneeStrategy: 'ROTATE',
          assigneeIds: [alice.globalUserId, bob.globalUserId],
        },
        'recurrence { id nextRunAt }',
      )
    ).recurrence;
    await sleep(4_500);
    await mutate(alice.principal, 'taskRecurrencePause', { id: recurrence.id }, 'recurrence { active }');
    await sleep(500); // let a job already running finish
    const runs = await withClient(
      database.url,
      async (c) =>
        (
          await c.query(
            `SELECT r.due_at, t.assignee_id, t.due_date FROM tasks.recurrence_runs r JOIN tasks.tasks t ON t.id = r.task_id WHERE r.recurrence_id = $1 ORDER BY r.due_at`,
            [uuidOf(recurrence.id)],
          )
        ).rows,
    );
    const tasks = await withClient(database.url, async (c) =>
      Number((await c.query(`SELECT count(*) FROM tasks.tasks WHERE metadata->>'recurrenceId' = $1`, [uuidOf(recurrence.id)])).rows[0].count),
    );
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(tasks).toBe(runs.length);
    for (const [i, run] of runs.entries()) {
      expect(run.due_date.getTime()).toBe(run.due_at.getTime());
      expect(run.assignee_id).toBe(i % 2 === 0 ? alice.userId : bob.userId);
      if (i > 0) expect(run.due_at.getTime() - runs[i - 1].due_at.getTime()).toBeGreaterThanOrEqual(1_000);
    }
  });

  it('create one task when two workers run the same due time at once, or a job is delivered twice', async () => {
    const recurrence = (
      await mutate(
        alice.principal,
        'taskRecurrenceCreate',
        { title: 'Quarterly review', cron: '0 9 1 */3 *', timezone: 'Europe/Paris' },
        'recurrence { id nextRunAt }',
      )
    ).recurrence;
    const job = { orgId: alice.orgId, recurrenceId: uuidOf(recurrence.id), dueAt: recurrence.nextRunAt };
    await Promise.all([services(first).recurrences.run(job), services(second).recurrences.run(job), services(first).recurrences.run(job)]);
    await services(second).recurrences.run(job); // redelivered later
    const count = await withClient(database.url, async (c) =>
      Number((await c.query(`SELECT count(*) FROM tasks.tasks WHERE metadata->>'recurrenceId' = $1`, [uuidOf(recurrence.id)])).rows[0].count),
    );
    expect(count).toBe(1);
    const next = await first.request('tasks', '{ taskRecurrences { id nextRunAt } }', {}, alice.principal);
    const after = next.data!.taskRecurrences.find((r: { id: string }) => r.id === recurrence.id).nextRunAt;
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(recurrence.nextRunAt).getTime());
  });

  it('are requeued by the sweep in every organization when their job was lost', async () => {
    const carol = await testMember(database.url, 'admin'); // another organization
    const create = async (member: TestMember) =>
      uuidOf((await mutate(member.principal, 'taskRecurrenceCreate', { title: 'Yearly audit', cron: '0 9 1 1 *' }, 'recurrence { id }')).recurrence.id);
    const ids = [await create(alice), await create(carol)];
    // Due a second ago, with no job for that time (as if it was lost): only the sweep can find them.
    await withClient(database.url, (c) =>
      c.query(`UPDATE tasks.recurrences SET next_run_at = date_trunc('second', now()) - interval '1 second' WHERE id = ANY($1)`, [ids]),
    );
    await services(first).recurrences.sweep(); // reads every organization's due times as the maintenance role
    await waitFor(
      async () =>
        Number(
          (await withClient(database.url, (c) => c.query('SELECT count(*) FROM tasks.recurrence_runs WHERE recurrence_id = ANY($1)', [ids]))).rows[0].count,
        ) === 2,
      'one run of each organization’s recurrence',
    );
  }, 60_000);

  it('refuse an invalid schedule', async () => {
    const result = await first.request(
      'tasks',
      'mutation($input: TaskRecurrenceCreateInput!) { taskRecurrenceCreate(input: $input) { userErrors { code field } } }',
      { input: { title: 'x', cron: 'every day', timezone: 'Mars/Olympus' } },
      alice.principal,
    );
    expect(result.data!.taskRecurrenceCreate.userErrors.map((e: { field: string[] }) => e.field)).toEqual([['input', 'timezone']]);
    const cron = await first.request(
      'tasks',
      'mutation($input: TaskRecurrenceCreateInput!) { taskRecurrenceCreate(input: $input) { userErrors { code field } } }',
      { input: { title: 'x', cron: 'every day' } },
      alice.principal,
    );
    expect(cron.data!.taskRecurrenceCreate.userErrors).toEqual([{ code: 'TASK_RECURRENCE_INVALID_INPUT', field: ['input', 'cron'] }]);
  });
});

describe('automations', () => {
  const board = async () =>
    (
      await mutate(
        alice.principal,
        'boardCreate',
        {
          name: 'Automated',
          columns: [
            { name: 'Todo', status: 'TODO' },
            { name: 'Done', status: 'DONE' },
          ],
        },
        'board { id columns { id } }',
      )
    ).board;
  const automation = (boardId: string, name: string, trigger: string, conditions: unknown[], actions: unknown[]) =>
    mutate(alice.principal, 'taskAutomationCreate', { boardId, name, trigger, conditions, actions }, 'automation { id }');
  const statusEvents = (taskId: string) =>
    withClient(database.url, async (c) =>
      (await c.query(`SELECT data FROM tasks.outbox WHERE subject_id = $1 AND type = 'task.status_changed' ORDER BY id`, [uuidOf(taskId)])).rows.map(
        (r) => r.data.after.status,
      ),
    );

  it('run their actions when the trigger happens and the conditions hold', async () => {
    const b = await board();
    await automation(
      b.id,
      'Done lowers priority',
      'task.status_changed',
      [{ field: 'status', operator: 'eq', value: 'DONE' }],
      [
        { type: 'set_field', field: 'priority', value: 'LOW' },
        { type: 'notify', recipients: ['assignee'], message: 'Finished!' },
      ],
    );
    const task = (
      await mutate(alice.principal, 'taskCreate', { title: 'Automate me', boardId: b.id, priority: 'URGENT', assigneeId: bob.globalUserId }, 'task { id }')
    ).task;
    await mutate(alice.principal, 'taskMove', { id: task.id, columnId: b.columns[1].id }, 'task { status }');
    await expect
      .poll(
        async () => (await first.request('tasks', 'query($id: ID!) { task(id: $id) { priority } }', { id: task.id }, alice.principal)).data!.task.priority,
        { timeout: 5_000, interval: 100 },
      )
      .toBe('LOW');
    const notification = await withClient(
      database.url,
      async (c) =>
        (await c.query(`SELECT data, actor_id FROM tasks.outbox WHERE subject_id = $1 AND type = 'automation.notification_requested'`, [uuidOf(task.id)])).rows,
    );
    expect(notification).toHaveLength(1);
    expect(notification[0]!.data).toMatchObject({ message: 'Finished!', recipients: [bob.userId], automation: 'Done lowers priority' });
    expect(notification[0]!.actor_id).toBeNull();
    // Conditions that do not hold do nothing.
    const other = (await mutate(alice.principal, 'taskCreate', { title: 'Not done', boardId: b.id, priority: 'URGENT' }, 'task { id }')).task;
    await mutate(alice.principal, 'taskUpdate', { id: other.id, status: 'IN_PROGRESS' }, 'task { id }');
    await sleep(1_000);
    expect((await first.request('tasks', 'query($id: ID!) { task(id: $id) { priority } }', { id: other.id }, alice.principal)).data!.task.priority).toBe(
      'URGENT',
    );
  });

  it('stop when two rules trigger each other', async () => {
    const b = await board();
    const ping = (
      await automation(
        b.id,
        'ping',
        'task.status_changed',
        [{ field: 'status', operator: 'eq', value: 'IN_PROGRESS' }],
        [{ type: 'set_field', field: 'status', value: 'DONE' }],
      )
    ).automation;
    const pong = (
      await automation(
        b.id,
        'pong',
        'task.status_changed',
        [{ field: 'status', operator: 'eq', value: 'DONE' }],
        [{ type: 'set_field', field: 'status', value: 'IN_PROGRESS' }],
      )
    ).automation;
    const task = (await mutate(alice.principal, 'taskCreate', { title: 'Ping-pong', boardId: b.id }, 'task { id }')).task;
    await mutate(alice.principal, 'taskUpdate', { id: task.id, status: 'IN_PROGRESS' }, 'task { id }');
    // The user's change, ping's answer, pong's answer — then ping is already in the chain.
    await expect.poll(() => statusEvents(task.id), { timeout: 5_000, interval: 100 }).toEqual(['in_progress', 'done', 'in_progress']);
    await sleep(1_500);
    expect(await statusEvents(task.id)).toEqual(['in_progress', 'done', 'in_progress']);
    const runs = await withClient(
      database.url,
      async (c) => (await c.query('SELECT automation_id FROM tasks.automation_runs WHERE automation_id = ANY($1)', [[uuidOf(ping.id), uuidOf(pong.id)]])).rows,
    );
    expect(runs).toHaveLength(2);
  });
});
