import { SEARCH_REBUILD_JOB } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  waitFor,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/index.js';

/** The kernel writes the search documents of tasks' `searchable` Task when the cell routes them to a consumer. */
let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
const tasks = mutationsOf(() => harness, 'tasks');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], {
    databaseUrl: database.url,
    env: { CELL_EVENT_CONSUMERS: JSON.stringify({ search: ['search.document_changed', 'search.document_removed'] }) },
  });
  owner = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

interface DocumentEvent {
  id: string;
  type: string;
  subject_id: string | null;
  data: { id: string; title?: string; body?: string; deleted?: boolean; version: string };
}
const documents = (globalId: string) =>
  withClient(
    database.url,
    async (client) =>
      (await client.query(`SELECT id, type, subject_id, data FROM tasks.outbox WHERE type LIKE 'search.%' AND data->>'id' = $1 ORDER BY id`, [globalId]))
        .rows as DocumentEvent[],
  );

describe('search documents of tasks', () => {
  it('follow each change of a task as it is after the change: created, updated, deleted, restored, purged', async () => {
    const task = (await tasks.mutate(owner.principal, 'taskCreate', { title: 'Index me', description: 'The body' }, 'task { id }')).task;
    await tasks.mutate(owner.principal, 'taskUpdate', { id: task.id, title: 'Indexed' }, 'task { id }');
    await tasks.mutate(owner.principal, 'taskDelete', { id: task.id }, 'deletedTaskId');
    await tasks.mutate(owner.principal, 'taskRestore', { id: task.id }, 'task { id }');
    await tasks.mutate(owner.principal, 'taskDelete', { id: task.id }, 'deletedTaskId');
    await tasks.mutate(owner.principal, 'taskPurge', { id: task.id }, 'deletedTaskId');
    const written = await documents(task.id);
    expect(written.map((event) => [event.type, event.data.title, event.data.deleted])).toEqual([
      ['search.document_changed', 'Index me', false],
      ['search.document_changed', 'Indexed', false],
      ['search.document_changed', 'Indexed', true],
      ['search.document_changed', 'Indexed', false],
      ['search.document_changed', 'Indexed', true],
      ['search.document_removed', undefined, undefined],
    ]);
    expect(written[0]!.data).toMatchObject({ type: 'Task', module: 'tasks', body: 'The body' });
    // The version is the event's own id (time-ordered), and a document is no change of the task itself.
    expect(written.every((event) => event.data.version === event.id && event.subject_id === null)).toBe(true);
  });

  it('are written again for a whole organization by the rebuild job', async () => {
    const task = (await tasks.mutate(owner.principal, 'taskCreate', { title: 'Rebuild me' }, 'task { id }')).task;
    expect(await documents(task.id)).toHaveLength(1);
    await harness.servers[0]!.runtime.jobs.enqueue(SEARCH_REBUILD_JOB, { orgId: owner.orgId });
    await waitFor(async () => (await documents(task.id)).length === 2, 'the rebuilt document');
    const [, rebuilt] = await documents(task.id);
    expect(rebuilt!.data).toMatchObject({ title: 'Rebuild me', deleted: false });
  });
});
