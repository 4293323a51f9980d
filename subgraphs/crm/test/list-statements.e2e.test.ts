import { waitFor } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

/*
 * The SPA's lists (tasks, contacts, leads, deals, boards, and the activity of each task in a list)
 * through the gateway: the SQL statements of a list do not grow with its items (3 vs 12, each in its
 * own organization, which sees only its own).
 */
let cell: TestCell;
const orgs = new Map<number, TestUser>();

const LISTS: Record<string, string> = {
  tasks: 'query { tasks(first: 50) { totalCount pageInfo { endCursor } nodes { title status assignee { name } createdBy { email } tags { name } } } }',
  contacts:
    'query { contacts(first: 50) { totalCount nodes { name email assignedTo { name } deals { totalCount nodes { title stage { name } } } tags { name } } } }',
  leads: 'query { contacts(first: 50, filter: { type: { eq: LEAD } }) { totalCount nodes { name assignedTo { name } tags { name } } } }',
  deals: 'query { deals(first: 50) { totalCount nodes { title value { amount currencyCode } stage { name } contact { name } owner { name } } } }',
  boards:
    'query { boards(first: 50) { totalCount nodes { name columns { name tasks(first: 5) { totalCount nodes { title } } } tasks(first: 5) { totalCount nodes { title } } scheduledTasks(first: 5) { totalCount nodes { title } } } } }',
  timelines: 'query { contacts(first: 50) { totalCount nodes { name timeline(first: 5) { totalCount nodes { __typename } } } } }',
};

async function seed(owner: TestUser, n: number): Promise<void> {
  const gql = async (query: string, input: Record<string, unknown>) => {
    const result = await cell.gql(query, { input }, owner.token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const pipeline = (await gql('mutation($input: PipelineCreateInput!) { pipelineCreate(input: $input) { pipeline { id } } }', { name: 'Sales' })).pipelineCreate
    .pipeline.id;
  for (let i = 0; i < n; i++) {
    const board = (
      await gql('mutation($input: BoardCreateInput!) { boardCreate(input: $input) { board { id } } }', {
        name: `Board ${i}`,
        columns: [{ name: 'A' }, { name: 'B' }],
      })
    ).boardCreate.board.id;
    // On its own board, with a due date: each board lists (and schedules) exactly one task.
    await gql('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', {
      title: `Task ${i}`,
      assigneeId: owner.userId,
      boardId: board,
      dueDate: new Date(Date.UTC(2027, 0, 1 + i)).toISOString(),
    });
    const contact = (
      await gql('mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }', {
        firstName: `Contact ${i}`,
        type: i % 2 ? 'LEAD' : 'CLIENT',
        assignedToId: owner.userId,
      })
    ).contactCreate.contact.id;
    await gql('mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { id } } }', {
      contactId: contact,
      pipelineId: pipeline,
      title: `Deal ${i}`,
    });
  }
}

beforeAll(async () => {
  cell = await startTestCell();
  for (const n of [3, 12]) {
    const owner = await cell.signUp(`Owner${n}`);
    await seed(owner, n);
    orgs.set(n, owner);
  }
}, 600_000);
afterAll(async () => {
  await cell?.stop();
});

type Board = { name: string; tasks: { nodes: { title: string }[] }; scheduledTasks: { nodes: { title: string }[] } };

const statementsOf = (requestId: string) => cell.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.forRequest(requestId), 0);

describe('the SPA lists', () => {
  it.each(Object.keys(LISTS))('%s: as many statements for 12 items as for 3, and only the organization’s own', async (list) => {
    const counts: number[] = [];
    for (const n of [3, 12]) {
      const result = await cell.gql(LISTS[list]!, {}, orgs.get(n)!.token, { 'x-request-id': `list-${list}-${n}` });
      expect(result.errors).toBeUndefined();
      const connection = Object.values(result.data!)[0] as { totalCount: number; nodes: unknown[] };
      const expected = list === 'leads' ? Math.floor(n / 2) : n;
      expect(connection.totalCount).toBe(expected);
      expect(connection.nodes).toHaveLength(expected);
      if (list === 'boards') {
        // Every board's own task (Board.tasks and Board.scheduledTasks), never another's.
        for (const board of connection.nodes as Board[]) {
          const title = `Task ${board.name.split(' ')[1]}`;
          expect(board.tasks.nodes).toEqual([{ title }]);
          expect(board.scheduledTasks.nodes).toEqual([{ title }]);
        }
      }
      counts.push(statementsOf(`list-${list}-${n}`));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('the activity of every task in a list', () => {
  const ACTIVITY = 'query { tasks(first: 50) { nodes { id activity(first: 5) { totalCount nodes { ... on ActivityEvent { event node { id } } } } } } }';
  type Tasks = { tasks: { nodes: { id: string; activity: { totalCount: number; nodes: { event: string; node: { id: string } }[] } }[] } };

  it('takes as many statements for 12 tasks as for 3, each page holding only its own task’s events', async () => {
    const counts: number[] = [];
    for (const n of [3, 12]) {
      const owner = orgs.get(n)!;
      // Events reach the activity feed through the event workers.
      await waitFor(
        async () => ((await cell.gql(ACTIVITY, {}, owner.token)).data as Tasks).tasks.nodes.every((task) => task.activity.totalCount >= 1),
        'every task’s creation in its activity',
      );
      const result = await cell.gql(ACTIVITY, {}, owner.token, { 'x-request-id': `activity-${n}` });
      expect(result.errors).toBeUndefined();
      const tasks = (result.data as Tasks).tasks.nodes;
      expect(tasks).toHaveLength(n);
      for (const task of tasks) {
        expect(task.activity.nodes.length).toBe(Math.min(task.activity.totalCount, 5));
        expect(task.activity.nodes.map((item) => item.event)).toContain('task.created');
        for (const item of task.activity.nodes) expect(item.node.id).toBe(task.id);
      }
      counts.push(statementsOf(`activity-${n}`));
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
