import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
});
afterAll(async () => {
  await cell?.stop();
});

/** SQL statements every subgraph sent while serving the request with this id. */
const statementsOf = (requestId: string) => cell.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.forRequest(requestId), 0);

const MINE = `query($first: Int!) { me { name
  assignedTasks(first: $first) { totalCount nodes { title assignee { name email } createdBy { name } } }
  contacts(first: $first) { totalCount nodes { name assignedTo { name email } createdBy { name } deals { nodes { title owner { name } } } } } } }`;

async function add(count: number, offset: number): Promise<void> {
  for (let i = offset; i < offset + count; i++) {
    await cell.gql(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
      { input: { title: `Task ${i}`, assigneeId: owner.userId } },
      owner.token,
    );
    await cell.gql(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }',
      { input: { firstName: `Contact ${i}`, assignedToId: owner.userId } },
      owner.token,
    );
  }
}

describe('CRM across the graph', () => {
  it('lists a user’s tasks and contacts with their owners across three subgraphs, in constant SQL statements', async () => {
    await add(2, 0);
    const small = await cell.gql(MINE, { first: 100 }, owner.token, { 'x-request-id': 'mine-small' });
    await add(28, 2);
    const large = await cell.gql(MINE, { first: 100 }, owner.token, { 'x-request-id': 'mine-large' });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.me.contacts.totalCount).toBe(2);
    expect(large.data!.me.assignedTasks.totalCount).toBe(30);
    expect(large.data!.me.contacts.nodes[0]).toEqual({
      name: 'Contact 29',
      assignedTo: { name: 'Owner', email: owner.email },
      createdBy: { name: 'Owner' },
      deals: { nodes: [] },
    });
    expect(large.data!.me.assignedTasks.nodes.every((t: { assignee: { name: string } }) => t.assignee.name === 'Owner')).toBe(true);
    expect(statementsOf('mine-small')).toBeGreaterThan(0);
    expect(statementsOf('mine-large')).toBe(statementsOf('mine-small'));
  });

  it('shows nothing of one organization’s CRM to another', async () => {
    const stranger = await cell.signUp('Stranger');
    const contact = (await cell.gql('mutation { contactCreate(input: { firstName: "Secret" }) { contact { id } } }', {}, owner.token)).data!.contactCreate
      .contact.id;
    const seen = await cell.gql(
      'query($id: ID!) { contact(id: $id) { id } contacts { totalCount } deals { totalCount } dealForecast { currencies { currencyCode } } }',
      { id: contact },
      stranger.token,
    );
    expect(seen.data).toEqual({ contact: null, contacts: { totalCount: 0 }, deals: { totalCount: 0 }, dealForecast: { currencies: [] } });
  });
});
