import { toGlobalId, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
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
import { tasksSubgraph, type TasksServices } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let services: TasksServices;
let owner: TestMember;
let stranger: TestMember;

const { mutate } = mutationsOf(() => harness, 'tasks');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url });
  services = harness.servers.find((server) => server.name === 'tasks')!.services as TasksServices;
  owner = await testMember(database.url, 'owner');
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const task = async (title: string) => (await mutate(owner.principal, 'taskCreate', { title }, 'task { id }')).task.id as string;

/** Collaboration's event as the relay delivers it; ids are time-ordered, so a later call is a newer event. */
const tagEvent = (type: 'entity.tagged' | 'entity.untagged', taskId: string, tagId: string, subjectType = 'Task'): PublishedEvent => ({
  id: uuidv7(),
  type,
  orgId: owner.orgId,
  actorId: owner.userId,
  subject: { type: subjectType, id: uuidOf(taskId) },
  data: { tagId, tag: 'Some tag' },
  requestId: null,
  occurredAt: new Date().toISOString(),
});
const deleted = (tagId: string): PublishedEvent => ({
  ...tagEvent('entity.untagged', uuidv7(), tagId),
  type: 'tag.deleted',
  subject: { type: 'Tag', id: tagId },
  data: { name: 'Gone', removedFrom: 1 },
});
/** Runs the event through the subgraph's handlers, as its event worker does. */
const handle = (event: PublishedEvent) => tasksSubgraph.eventHandlers!(services)[event.type]!(event);

async function titles(tags: Record<string, unknown>, who: TestMember = owner): Promise<string[]> {
  const result = await harness.request(
    'tasks',
    'query($tags: TagComparator) { tasks(filter: { tags: $tags }, orderBy: [{ field: TITLE }]) { nodes { title } } }',
    { tags },
    who.principal,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.tasks.nodes.map((node: { title: string }) => node.title);
}

describe('filtering tasks by tag', () => {
  it('follows tag events, also repeated, out of order or about a deleted tag', async () => {
    const [red, blue, green] = [uuidv7(), uuidv7(), uuidv7()];
    const tag = (uuid: string) => toGlobalId('Tag', uuid);
    const [a, b, c] = [await task('A'), await task('B'), await task('C')];

    const tagged = tagEvent('entity.tagged', a, red);
    await handle(tagged);
    await handle(tagged); // redelivered
    await handle(tagEvent('entity.tagged', b, red));
    await handle(tagEvent('entity.tagged', b, blue));
    await handle(tagEvent('entity.tagged', c, blue, 'Contact')); // not a task: ignored
    expect(await titles({ hasAny: [tag(red)] })).toEqual(['A', 'B']);
    expect(await titles({ hasAll: [tag(red), tag(blue)] })).toEqual(['B']);
    expect(await titles({ hasNone: [tag(blue)] })).toEqual(['A', 'C']);
    expect(await titles({ isEmpty: true })).toEqual(['C']);
    expect(await titles({ isEmpty: false, hasAny: [tag(blue)] })).toEqual(['B']);
    expect(await titles({ hasAny: [] })).toEqual([]);

    // Removed, then the older "tagged" arrives late: the newer event wins.
    const early = tagEvent('entity.tagged', c, green);
    await handle(tagEvent('entity.untagged', c, green));
    await handle(early);
    expect(await titles({ hasAny: [tag(green)] })).toEqual([]);

    // A deleted tag leaves every task, and a late "tagged" of it is ignored.
    const late = tagEvent('entity.tagged', c, blue);
    await handle(deleted(blue));
    await handle(late);
    expect(await titles({ hasAny: [tag(blue)] })).toEqual([]);
    expect(await titles({ hasAll: [tag(red), tag(blue)] })).toEqual([]);

    // Another organization sees none of it.
    expect(await titles({ hasAny: [tag(red)] }, stranger)).toEqual([]);
    const rows = await withClient(
      database.url,
      async (client) => (await client.query('SELECT count(*)::int AS n FROM tasks.node_tags WHERE tagged')).rows[0].n,
    );
    expect(rows).toBe(2); // A and B, red
  });

  it('refuses ids that are not tags, and forgets a purged task’s tags', async () => {
    const refused = await harness.request('tasks', '{ tasks(filter: { tags: { hasAny: ["not-an-id"] } }) { totalCount } }', {}, owner.principal);
    expect(refused.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const wrongType = await harness.request(
      'tasks',
      'query($id: ID!) { tasks(filter: { tags: { hasAll: [$id] } }) { totalCount } }',
      { id: toGlobalId('Task', uuidv7()) },
      owner.principal,
    );
    expect(wrongType.errors![0]!.message).toBe('filter.tags.hasAll.0 is not a valid Tag id');

    const doomed = await task('Doomed');
    await handle(tagEvent('entity.tagged', doomed, uuidv7()));
    await mutate(owner.principal, 'taskDelete', { id: doomed }, 'deletedTaskId');
    await mutate(owner.principal, 'taskPurge', { id: doomed }, 'deletedTaskId');
    const left = await withClient(
      database.url,
      async (client) => (await client.query('SELECT count(*)::int AS n FROM tasks.node_tags WHERE node_id = $1', [uuidOf(doomed)])).rows[0].n,
    );
    expect(left).toBe(0);
  });
});
