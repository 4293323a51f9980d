import { toGlobalId, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
import {
  createTestDatabase,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaborationSubgraph, type CollaborationServices } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let member: TestMember;
let services: CollaborationServices;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([collaborationSubgraph], {
    databaseUrl: database.url,
    env: { CELL_NODE_TYPES: 'Task,Contact', CELL_TRASH_TYPES: 'Task,Contact' },
  });
  member = await testMember(database.url);
  services = harness.servers[0]!.services as CollaborationServices;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Node { id tags { name } comments { nodes { body } } } } }`;

/** A task of `member`'s organization with a tag and a comment, written straight to the tables. */
async function seededTask(orgId = member.orgId, userId = member.userId): Promise<{ uuid: string; id: string }> {
  const uuid = uuidv7();
  await withClient(database.url, async (client) => {
    const tag = uuidv7();
    await client.query(`INSERT INTO collaboration.tags (id, org_id, name, created_by) VALUES ($1, $2, $3, $4)`, [tag, orgId, `Tag ${tag.slice(-6)}`, userId]);
    await client.query(`INSERT INTO collaboration.taggings (tag_id, org_id, node_type, node_id, created_by) VALUES ($1, $2, 'Task', $3, $4)`, [
      tag,
      orgId,
      uuid,
      userId,
    ]);
    await client.query(`INSERT INTO collaboration.comments (id, org_id, node_type, node_id, author_id, body) VALUES ($1, $2, 'Task', $3, $4, 'Hello')`, [
      uuidv7(),
      orgId,
      uuid,
      userId,
    ]);
  });
  return { uuid, id: toGlobalId('Task', uuid) };
}

const event = (type: string, subjectId: string, occurredAt: string, data: Record<string, unknown> = {}, orgId = member.orgId): PublishedEvent => ({
  id: uuidv7(),
  type,
  orgId,
  actorId: member.userId,
  subject: { type: 'Task', id: subjectId },
  data,
  requestId: null,
  occurredAt,
});

describe('Node as an interface object', () => {
  it('adds tags and comments to any entity, through _entities', async () => {
    const task = await seededTask();
    const result = await harness.request('collaboration', ENTITIES, { r: [{ __typename: 'Node', id: task.id }] }, member.principal);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: task.id, tags: [{ name: expect.stringMatching(/^Tag /) }], comments: { nodes: [{ body: 'Hello' }] } }]);
  });

  it('shows another organization nothing, and refuses those without read access', async () => {
    const task = await seededTask();
    const stranger = await testMember(database.url);
    const theirs = await harness.request('collaboration', ENTITIES, { r: [{ __typename: 'Node', id: task.id }] }, stranger.principal);
    expect(theirs.data!._entities).toEqual([{ id: task.id, tags: [], comments: { nodes: [] } }]);
    const guest = await testMember(database.url, 'guest', member.orgId);
    const hidden = await harness.request('collaboration', ENTITIES, { r: [{ __typename: 'Node', id: task.id }] }, guest.principal);
    expect(hidden.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const tag = await harness.request('collaboration', 'mutation { tagCreate(input: { name: "Guesty" }) { tag { id } } }', {}, guest.principal);
    expect(tag.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('events from other modules', () => {
  it('become activity once, however often they are delivered', async () => {
    const task = uuidv7();
    const created = event('task.created', task, new Date().toISOString(), { after: { title: 'T' } });
    await services.activities.record(created);
    await services.activities.record(created);
    const count = await withClient(
      database.url,
      async (client) => (await client.query('SELECT count(*)::int AS n FROM collaboration.activities WHERE node_id = $1', [task])).rows[0].n,
    );
    expect(count).toBe(1);
  });

  it('fill the trash; the latest wins when they arrive out of order; a purge forgets the object', async () => {
    const task = await seededTask();
    const inTrash = async () =>
      ((await harness.request('collaboration', '{ trash { nodes { id title } } }', {}, member.principal)).data!.trash.nodes as { id: string }[]).some(
        (item) => item.id === task.id,
      );
    await services.trash.record(event('task.deleted', task.uuid, '2026-01-01T10:00:00Z', { title: 'Gone' }));
    expect(await inTrash()).toBe(true);
    await services.trash.record(event('task.restored', task.uuid, '2026-01-01T12:00:00Z'));
    await services.trash.record(event('task.deleted', task.uuid, '2026-01-01T11:00:00Z', { title: 'Gone' })); // late delivery of an older event
    expect(await inTrash()).toBe(false);
    await services.trash.record(event('comment.deleted', task.uuid, '2026-01-01T13:00:00Z'));
    expect(await inTrash()).toBe(false);
    await services.trash.record(event('task.purged', task.uuid, '2026-01-01T14:00:00Z'));
    const left = await withClient(
      database.url,
      async (client) =>
        (
          await client.query(
            `SELECT (SELECT count(*) FROM collaboration.comments WHERE node_id = $1) + (SELECT count(*) FROM collaboration.taggings WHERE node_id = $1) AS n`,
            [task.uuid],
          )
        ).rows[0].n,
    );
    expect(Number(left)).toBe(0);
  });
});
