import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

/*
 * The kanban board through the gateway: a constant number of SQL statements however many tasks the
 * columns hold (each with its assignee and tags), the same order and cursors page by page, and
 * nothing of it for another organization.
 */
let cell: TestCell;
let owner: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
});
afterAll(async () => {
  await cell?.stop();
});

const statementsOf = (requestId: string) => cell.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.forRequest(requestId), 0);

const BOARD = `query Board($id: ID!, $first: Int!, $after: String) {
  board(id: $id) {
    name
    columns {
      name
      tasks(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id title assignee { name } tags { name } } }
      }
    }
  }
}`;

type BoardData = {
  board: {
    columns: {
      name: string;
      tasks: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { cursor: string; node: { id: string; title: string; assignee: { name: string } | null; tags: { name: string }[] } }[];
      };
    }[];
  } | null;
};

/** A board with 4 columns and `perColumn` tasks in each, assigned and with 2 tags each. */
async function seedBoard(perColumn: number): Promise<string> {
  const created = await cell.gql(
    'mutation { boardCreate(input: { name: "Sprint", columns: [{ name: "Todo" }, { name: "Doing" }, { name: "Review" }, { name: "Done" }] }) { board { id columns { id } } } }',
    {},
    owner.token,
  );
  const board = created.data!.boardCreate.board as { id: string; columns: { id: string }[] };
  const taskIds: string[] = [];
  // Columns fill side by side; within a column in order (each task goes to the end).
  await Promise.all(
    board.columns.map(async (column) => {
      for (let i = 0; i < perColumn; i++) {
        const task = await cell.gql(
          'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
          { input: { title: `T${i}`, columnId: column.id, assigneeId: owner.userId } },
          owner.token,
        );
        taskIds.push(task.data!.taskCreate.task.id);
      }
    }),
  );
  for (const name of [`red-${perColumn}`, `blue-${perColumn}`]) {
    const tag = (await cell.gql('mutation($input: TagCreateInput!) { tagCreate(input: $input) { tag { id } } }', { input: { name } }, owner.token)).data!
      .tagCreate.tag.id;
    for (let i = 0; i < taskIds.length; i += 100) {
      const applied = await cell.gql(
        'mutation($input: TagApplyInput!) { tagApply(input: $input) { userErrors { code } } }',
        { input: { tagId: tag, nodeIds: taskIds.slice(i, i + 100) } },
        owner.token,
      );
      expect(applied.errors).toBeUndefined();
    }
  }
  return board.id;
}

describe('the board query', () => {
  it('takes as many SQL statements for 30 tasks a column as for 5, and pages the same way', async () => {
    const small = await seedBoard(5);
    const large = await seedBoard(30);
    const few = await cell.gql(BOARD, { id: small, first: 100 }, owner.token, { 'x-request-id': 'board-small' });
    const many = await cell.gql(BOARD, { id: large, first: 100 }, owner.token, { 'x-request-id': 'board-large' });
    expect(few.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    const columns = (many.data as BoardData).board!.columns;
    expect(columns.map((c) => c.name)).toEqual(['Todo', 'Doing', 'Review', 'Done']);
    for (const column of columns) {
      expect(column.tasks.totalCount).toBe(30);
      expect(column.tasks.edges.map((e) => e.node.title)).toEqual(Array.from({ length: 30 }, (_, i) => `T${i}`));
      expect(column.tasks.edges.every((e) => e.node.assignee?.name === 'Owner' && e.node.tags.map((t) => t.name).join() === 'blue-30,red-30')).toBe(true);
    }
    const small5 = statementsOf('board-small');
    expect(small5).toBeGreaterThan(0);
    expect(statementsOf('board-large')).toBe(small5);
    expect(small5).toBeLessThanOrEqual(12);

    // Pages of 20 walk every column in the same order, with the cursors of the full page.
    const full = columns[1]!.tasks.edges;
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = (await cell.gql(BOARD, { id: large, first: 20, after }, owner.token)).data as BoardData;
      const doing = page.board!.columns[1]!.tasks;
      walked.push(...doing.edges.map((e) => e.cursor));
      if (!doing.pageInfo.hasNextPage) break;
      after = doing.pageInfo.endCursor;
    }
    expect(walked).toEqual(full.map((e) => e.cursor));

    // Absurd pages are refused before any subgraph is asked.
    const absurd = await cell.gql(BOARD, { id: large, first: 100_000 }, owner.token);
    expect(absurd.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  }, 300_000);

  it('shows another organization nothing of the board', async () => {
    const board = await seedBoard(2);
    const stranger = await cell.signUp('Stranger');
    const seen = await cell.gql(BOARD, { id: board, first: 10 }, stranger.token);
    expect(seen.errors).toBeUndefined();
    expect(seen.data).toEqual({ board: null });
  }, 60_000);
});
