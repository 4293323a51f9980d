import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let admin: TestMember;
let member: TestMember;

const { mutate, refused } = mutationsOf(() => harness, 'tasks');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url });
  admin = await testMember(database.url, 'admin');
  member = await testMember(database.url, 'member', admin.orgId);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const task = async (title: string, extra: Record<string, unknown> = {}) =>
  (await mutate(admin.principal, 'taskCreate', { title, ...extra }, 'task { id }')).task.id as string;
const trash = async (id: string) => void (await mutate(admin.principal, 'taskDelete', { id }, 'deletedTaskId'));
const exists = (id: string) =>
  withClient(database.url, async (client) => (await client.query('SELECT 1 FROM tasks.tasks WHERE id = $1', [uuidOf(id)])).rowCount === 1);
const eventTypes = async (id: string) => (await outboxEvents(database.url, 'tasks', uuidOf(id))).map((event) => event.type);

describe('the trash', () => {
  it('deletes a task for good only from the trash and only for owners and admins; its subtasks stay', async () => {
    const parent = await task('Parent');
    const child = await task('Child', { parentId: parent });
    await mutate(admin.principal, 'checklistCreate', { taskId: parent, title: 'Steps', items: ['One'] }, 'checklist { id }');
    expect(await refused(admin.principal, 'taskPurge', { id: parent })).toEqual(['TASK_NOT_IN_TRASH']);
    await trash(parent);

    const denied = await harness.request(
      'tasks',
      'mutation($input: TaskPurgeInput!) { taskPurge(input: $input) { deletedTaskId } }',
      { input: { id: parent } },
      member.principal,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await exists(parent)).toBe(true);

    expect((await mutate(admin.principal, 'taskPurge', { id: parent }, 'deletedTaskId')).deletedTaskId).toBe(parent);
    expect(await exists(parent)).toBe(false);
    expect(await eventTypes(parent)).toContain('task.purged');
    const orphan = await harness.request('tasks', 'query($id: ID!) { task(id: $id) { title parent { id } } }', { id: child }, admin.principal);
    expect(orphan.data!.task).toEqual({ title: 'Child', parent: null });
    const checklists = await withClient(
      database.url,
      async (client) => (await client.query('SELECT count(*)::int AS n FROM tasks.checklists WHERE task_id = $1', [uuidOf(parent)])).rows[0].n,
    );
    expect(checklists).toBe(0);
  });

  it('purges what has been in the trash for 30 days, and nothing younger or restored', async () => {
    const [expired, recent, live] = [await task('Expired'), await task('Recent'), await task('Live')];
    await trash(expired);
    await trash(recent);
    await withClient(database.url, async (client) => {
      await client.query("UPDATE tasks.tasks SET deleted_at = now() - interval '31 days' WHERE id = $1", [uuidOf(expired)]);
      await client.query("UPDATE tasks.tasks SET deleted_at = now() - interval '29 days' WHERE id = $1", [uuidOf(recent)]);
    });
    const keeper = harness.servers.find((server) => server.name === 'tasks')!.trash!;
    expect(await keeper.sweep()).toBe(1);
    expect([await exists(expired), await exists(recent), await exists(live)]).toEqual([false, true, true]);
    expect(await eventTypes(expired)).toEqual(['task.created', 'task.deleted', 'task.purged']);
    expect(await eventTypes(recent)).not.toContain('task.purged');
    expect(await keeper.sweep()).toBe(0);
  });
});
