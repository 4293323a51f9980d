import { fromGlobalId } from '@cellgraph/kernel';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

const CREATE_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } plainKey userErrors { code } } }`;
const CREATE_TASK = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id createdBy { id } } userErrors { code } } }';
const UPDATE_TASK = 'mutation($input: TaskUpdateInput!) { taskUpdate(input: $input) { task { id } userErrors { code } } }';
const ACTIVITY = `query($id: ID!) { task(id: $id) { activity(first: 20) { nodes { ... on ActivityEvent { event actor { id } apiKey { id name } } } } } }`;

let cell: TestCell;
let owner: TestUser;
beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Key owner');
}, 60_000);
afterAll(async () => {
  await cell?.stop();
});

describe('what an API key does', () => {
  it('is recorded as the key (id and name) on behalf of its creator: in events and the activity feed', async () => {
    const key = (await cell.gql(CREATE_KEY, { input: { name: 'Zapier sync', scopes: ['tasks:write'] } }, owner.token)).data!.apiKeyCreate;
    const created = (await cell.gql(CREATE_TASK, { input: { title: 'Made by an integration' } }, key.plainKey)).data!.taskCreate;
    expect(created.task.createdBy).toEqual({ id: owner.userId });
    const taskId = created.task.id as string;
    expect((await cell.gql(UPDATE_TASK, { input: { id: taskId, title: 'Renamed by its owner' } }, owner.token)).data!.taskUpdate.userErrors).toEqual([]);

    const outbox = await withClient(
      cell.database.url,
      async (client) =>
        (
          await client.query('SELECT type, actor_id, actor_api_key_id, actor_api_key_name FROM tasks.outbox WHERE subject_id = $1 ORDER BY occurred_at, id', [
            fromGlobalId('Task', taskId),
          ])
        ).rows,
    );
    const keyUuid = fromGlobalId('ApiKey', key.apiKey.id);
    const ownerUuid = fromGlobalId('User', owner.userId);
    expect(outbox).toEqual([
      { type: 'task.created', actor_id: ownerUuid, actor_api_key_id: keyUuid, actor_api_key_name: 'Zapier sync' },
      expect.objectContaining({ type: 'task.updated', actor_id: ownerUuid, actor_api_key_id: null, actor_api_key_name: null }),
    ]);

    const activity = async () => (await cell.gql(ACTIVITY, { id: taskId }, owner.token)).data!.task.activity.nodes as { event: string }[];
    await waitUntilSettled(cell); // the events are in the activity feed
    const events = await activity();
    expect(events.map((item) => item.event).sort()).toEqual(['task.created', 'task.updated']);
    const byEvent = Object.fromEntries(events.map((item) => [item.event, item]));
    expect(byEvent['task.created']).toEqual({ event: 'task.created', actor: { id: owner.userId }, apiKey: { id: key.apiKey.id, name: 'Zapier sync' } });
    expect(byEvent['task.updated']).toEqual({ event: 'task.updated', actor: { id: owner.userId }, apiKey: null });

    const mine = await cell.gql('{ myActivity(first: 20) { nodes { event apiKey { name } } } }', {}, owner.token);
    expect(mine.data!.myActivity.nodes).toContainEqual({ event: 'task.created', apiKey: { name: 'Zapier sync' } });
  }, 60_000);
});
