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

const data = async (query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, owner.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

/** SQL statements each subgraph sent while serving the request with this id. */
const statementsPerSubgraph = (requestId: string) =>
  Object.fromEntries(cell.subgraphs.map((server) => [server.name, server.runtime.db.statements.forRequest(requestId)]));

const FROM_CONTACT = `query($id: ID!) { contact(id: $id) { name
  links(first: 100) { totalCount nodes { relationship node {
    __typename
    ... on Task { title assignee { name } comments { nodes { body author { name } } } tags { name } }
    ... on Deal { title owner { name } comments { nodes { body author { name } } } tags { name } }
  } } } } }`;

describe('the graph of one product', () => {
  it('follows a contact’s links to tasks and deals with their comments, tags and owners, in constant SQL per subgraph', async () => {
    const contact = (await data('mutation { contactCreate(input: { firstName: "Hub" }) { contact { id } } }')).contactCreate.contact.id;
    const pipeline = (await data('mutation { pipelineCreate(input: { name: "Sales" }) { pipeline { id } } }')).pipelineCreate.pipeline.id;
    const tag = (await data('mutation { tagCreate(input: { name: "Key" }) { tag { id } } }')).tagCreate.tag.id;
    const addLinks = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const task = (
          await data('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', {
            input: { title: `Task ${i}`, assigneeId: owner.userId },
          })
        ).taskCreate.task.id;
        const deal = (
          await data('mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { id } } }', {
            input: { contactId: contact, pipelineId: pipeline, title: `Deal ${i}` },
          })
        ).dealCreate.deal.id;
        for (const id of [task, deal]) {
          await data('mutation($input: LinkCreateInput!) { linkCreate(input: $input) { userErrors { code } } }', { input: { fromId: contact, toId: id } });
          await data('mutation($input: CommentCreateInput!) { commentCreate(input: $input) { userErrors { code } } }', {
            input: { nodeId: id, body: `About ${i}` },
          });
          await data('mutation($input: TagApplyInput!) { tagApply(input: $input) { userErrors { code } } }', { input: { tagId: tag, nodeIds: [id] } });
        }
      }
    };
    await addLinks(0, 2);
    const few = await cell.gql(FROM_CONTACT, { id: contact }, owner.token, { 'x-request-id': 'links-few' });
    await addLinks(2, 10);
    const many = await cell.gql(FROM_CONTACT, { id: contact }, owner.token, { 'x-request-id': 'links-many' });
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    expect(few.data!.contact.links.totalCount).toBe(4);
    expect(many.data!.contact.links.totalCount).toBe(24);
    const [firstTask, firstDeal] = many.data!.contact.links.nodes;
    expect(firstTask.node).toEqual({
      __typename: 'Task',
      title: 'Task 0',
      assignee: { name: 'Owner' },
      comments: { nodes: [{ body: 'About 0', author: { name: 'Owner' } }] },
      tags: [{ name: 'Key' }],
    });
    expect(firstDeal.node).toEqual({
      __typename: 'Deal',
      title: 'Deal 0',
      owner: { name: 'Owner' },
      comments: { nodes: [{ body: 'About 0', author: { name: 'Owner' } }] },
      tags: [{ name: 'Key' }],
    });
    const [small, large] = [statementsPerSubgraph('links-few'), statementsPerSubgraph('links-many')];
    expect(Object.values(small).filter((count) => count > 0).length).toBeGreaterThanOrEqual(4);
    expect(large).toEqual(small);
  });
});
