import { toGlobalId, uuidv7 } from '@cellgraph/kernel';
import { uuidOf, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'sales' });
  owner = await cell.signUp('Seller');
});
afterAll(async () => {
  await cell?.stop();
});

describe('a cell without the tasks subgraph', () => {
  it('runs, and links to tasks are simply absent — never an error', async () => {
    const contact = (await cell.gql('mutation { contactCreate(input: { firstName: "Solo" }) { contact { id } } }', {}, owner.token)).data!.contactCreate.contact
      .id;
    const pipeline = (await cell.gql('mutation { pipelineCreate(input: { name: "Sales" }) { pipeline { id } } }', {}, owner.token)).data!.pipelineCreate
      .pipeline.id;
    const deal = (
      await cell.gql(
        'mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { id } } }',
        { input: { contactId: contact, pipelineId: pipeline, title: 'Only deal' } },
        owner.token,
      )
    ).data!.dealCreate.deal.id;
    await cell.gql(
      'mutation($input: LinkCreateInput!) { linkCreate(input: $input) { userErrors { code } } }',
      { input: { fromId: contact, toId: deal } },
      owner.token,
    );

    // A link to a task (say, made while the cell had tasks) is still in the collaboration tables.
    const task = uuidv7();
    await withClient(cell.database.url, async (client) => {
      const org = uuidOf(owner.organizationId);
      const link = uuidv7();
      await client.query(`INSERT INTO collaboration.links VALUES ($1, $2, 'Contact', $3, 'Task', $4, 'related', $5, now())`, [
        link,
        org,
        uuidOf(contact),
        task,
        uuidOf(owner.userId),
      ]);
      await client.query(
        `INSERT INTO collaboration.link_ends VALUES ($1, $2, $3, 'Contact', $4, 'Task', $5, 'outgoing', 'related', $6, now()), ($7, $2, $3, 'Task', $5, 'Contact', $4, 'incoming', 'related', $6, now())`,
        [link, link, org, uuidOf(contact), task, uuidOf(owner.userId), uuidv7()],
      );
    });
    const links = await cell.gql(
      'query($id: ID!) { contact(id: $id) { links { totalCount nodes { node { __typename id } } } } }',
      { id: contact },
      owner.token,
    );
    expect(links.errors).toBeUndefined();
    expect(links.data!.contact.links).toEqual({ totalCount: 1, nodes: [{ node: { __typename: 'Deal', id: deal } }] });

    const taskId = toGlobalId('Task', task);
    const asNode = await cell.gql('query($id: ID!) { node(id: $id) { id } }', { id: taskId }, owner.token);
    expect(asNode).toMatchObject({ data: { node: null } });
    expect(asNode.errors).toBeUndefined();
    const linking = await cell.gql(
      'mutation($input: LinkCreateInput!) { linkCreate(input: $input) { userErrors { code field } } }',
      { input: { fromId: contact, toId: taskId } },
      owner.token,
    );
    expect(linking.data!.linkCreate.userErrors).toEqual([{ code: 'NODE_NOT_FOUND', field: ['input', 'toId'] }]);
    const schema = await cell.gql('{ __type(name: "Task") { name } }', {}, owner.token);
    expect(schema.data!.__type).toBeNull();
  });
});
