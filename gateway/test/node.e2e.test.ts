import { toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
});
afterAll(async () => {
  await cell?.stop();
});

const NODE = `query($id: ID!) { node(id: $id) { id __typename ... on Task { title } ... on Contact { name } ... on User { name } } }`;

describe('node(id:)', () => {
  it('fetches an object of any subgraph by its global id', async () => {
    const task = (await cell.gql('mutation { taskCreate(input: { title: "Global" }) { task { id } } }', {}, owner.token)).data!.taskCreate.task.id;
    const contact = (await cell.gql('mutation { contactCreate(input: { firstName: "Node" }) { contact { id } } }', {}, owner.token)).data!.contactCreate.contact
      .id;
    expect((await cell.gql(NODE, { id: task }, owner.token)).data!.node).toEqual({ id: task, __typename: 'Task', title: 'Global' });
    expect((await cell.gql(NODE, { id: contact }, owner.token)).data!.node).toEqual({ id: contact, __typename: 'Contact', name: 'Node' });
    expect((await cell.gql(NODE, { id: owner.userId }, owner.token)).data!.node).toEqual({ id: owner.userId, __typename: 'User', name: 'Owner' });
    const many = await cell.gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }',
      { ids: [contact, toGlobalId('Task', uuidv7()), task] },
      owner.token,
    );
    expect(many.data!.nodes).toEqual([{ id: contact, __typename: 'Contact' }, null, { id: task, __typename: 'Task' }]);
  });

  it('answers null for what does not exist, is deleted or belongs to another organization — even asking only for the type', async () => {
    const task = (await cell.gql('mutation { taskCreate(input: { title: "Hidden" }) { task { id } } }', {}, owner.token)).data!.taskCreate.task.id;
    const typeOnly = 'query($id: ID!) { node(id: $id) { __typename } }';
    expect((await cell.gql(typeOnly, { id: task }, stranger.token)).data!.node).toBeNull();
    expect((await cell.gql(typeOnly, { id: toGlobalId('Deal', uuidv7()) }, owner.token)).data!.node).toBeNull();
    await cell.gql('mutation($input: TaskDeleteInput!) { taskDelete(input: $input) { deletedTaskId } }', { input: { id: task } }, owner.token);
    expect((await cell.gql(typeOnly, { id: task }, owner.token)).data!.node).toBeNull();
    expect((await cell.gql(typeOnly, { id: toGlobalId('Invoice', uuidv7()) }, owner.token)).data!.node).toBeNull();
  });

  it('answers null with FORBIDDEN for what exists but is hidden from the caller, and refuses malformed ids', async () => {
    const task = (await cell.gql('mutation { taskCreate(input: { title: "Members only" }) { task { id } } }', {}, owner.token)).data!.taskCreate.task.id;
    await cell.gql(
      'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
      { input: { email: 'guest@node.test', role: 'GUEST' } },
      owner.token,
    );
    const { token } = await waitForEmail(cell, 'guest@node.test');
    const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken } } }', {
      input: { token, name: 'Guest', password: TEST_PASSWORD },
    });
    const guestToken = accepted.data!.invitationAccept.session.accessToken;
    const hidden = await cell.gql('query($id: ID!) { node(id: $id) { __typename } }', { id: task }, guestToken);
    expect(hidden.data!.node).toBeNull();
    expect(hidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(NODE, { id: 'not-an-id' }, owner.token)).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const tooMany = await cell.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 101 }, () => task) }, owner.token);
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
