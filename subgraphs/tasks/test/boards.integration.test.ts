import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type GraphQLData,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/index.js';
import { MAX_KEY_LENGTH } from '@cellgraph/kernel';

let database: TestDatabase;
let harness: SubgraphHarness;
let alice: TestMember;

const { mutate, refused } = mutationsOf(() => harness, 'tasks');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url });
  alice = await testMember(database.url);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const BOARD = 'board { id name viewType columns { id name status wipLimit } }';

async function board(columns: { name: string; status?: string; wipLimit?: number }[]) {
  return (await mutate(alice.principal, 'boardCreate', { name: 'Sprint', columns }, BOARD)).board as { id: string; columns: { id: string; name: string }[] };
}

/** Every column's task titles in board order, following the pages of each column. */
async function columnTitles(boardId: string): Promise<Record<string, string[]>> {
  const query = `query($id: ID!, $after: String) { board(id: $id) { columns { name tasks(first: 100, after: $after) { nodes { title } pageInfo { hasNextPage endCursor } } } } }`;
  const titles: Record<string, string[]> = {};
  let after: string | null = null;
  for (;;) {
    const result = await harness.request('tasks', query, { id: boardId, after }, alice.principal);
    type Column = { name: string; tasks: { nodes: { title: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const columns = result.data!.board.columns as Column[];
    for (const column of columns) (titles[column.name] ??= []).push(...column.tasks.nodes.map((n) => n.title));
    const more = columns.find((c) => c.tasks.pageInfo.hasNextPage);
    if (!more || columns.length !== 1) return titles;
    after = more.tasks.pageInfo.endCursor;
  }
}

describe('boards and columns', () => {
  it('creates a board with ordered columns; columns are added, reordered, limited and deleted when empty', async () => {
    const created = await board([
      { name: 'To do', status: 'TODO' },
      { name: 'Doing', status: 'IN_PROGRESS', wipLimit: 2 },
      { name: 'Done', status: 'DONE' },
    ]);
    expect(created.columns.map((c) => c.name)).toEqual(['To do', 'Doing', 'Done']);
    const review = (
      await mutate(alice.principal, 'boardColumnCreate', { boardId: created.id, name: 'Review', afterColumnId: created.columns[1]!.id }, 'column { id }')
    ).column;
    await mutate(alice.principal, 'boardColumnCreate', { boardId: created.id, name: 'Archive' }, 'column { id }');
    await mutate(alice.principal, 'boardColumnMove', { id: created.columns[2]!.id, afterColumnId: null }, 'column { id }');
    const names = await harness.request('tasks', 'query($id: ID!) { board(id: $id) { columns { name } } }', { id: created.id }, alice.principal);
    expect(names.data!.board.columns.map((c: { name: string }) => c.name)).toEqual(['Done', 'To do', 'Doing', 'Review', 'Archive']);
    expect(await refused(alice.principal, 'boardColumnCreate', { boardId: created.id, name: 'Bad', color: 'red' })).toEqual(['BOARD_INVALID_INPUT']);

    await mutate(alice.principal, 'taskCreate', { title: 'In review', columnId: review.id }, 'task { id }');
    expect(await refused(alice.principal, 'boardColumnDelete', { id: review.id })).toEqual(['BOARD_COLUMN_NOT_EMPTY']);
    await mutate(alice.principal, 'boardColumnDelete', { id: created.columns[0]!.id }, 'deletedBoardColumnId');
  });
});

describe('tasks on boards', () => {
  it('land in the first column by default, and moving them sets the status the column defines', async () => {
    const b = await board([
      { name: 'To do', status: 'TODO' },
      { name: 'Doing', status: 'IN_PROGRESS' },
      { name: 'Done', status: 'DONE' },
    ]);
    const task = (await mutate(alice.principal, 'taskCreate', { title: 'Ship', boardId: b.id }, 'task { id status column { name } board { name } }')).task;
    expect(task).toMatchObject({ status: 'TODO', column: { name: 'To do' }, board: { name: 'Sprint' } });
    const moved = (await mutate(alice.principal, 'taskMove', { id: task.id, columnId: b.columns[2]!.id }, 'task { status completedAt column { name } }')).task;
    expect(moved).toMatchObject({ status: 'DONE', column: { name: 'Done' }, completedAt: expect.any(String) });
    const events = (await withClient(
      database.url,
      async (c) => (await c.query('SELECT type, data FROM tasks.outbox WHERE subject_id = $1 ORDER BY occurred_at', [uuidOf(task.id)])).rows,
    )) as { type: string; data: GraphQLData }[];
    expect(events.map((e) => e.type)).toEqual(['task.created', 'task.updated', 'task.status_changed', 'task.completed', 'task.moved']);
    expect(events[2]!.data).toMatchObject({ before: { status: 'todo' }, after: { status: 'done' } });
  });

  it('refuses a move beyond a column’s WIP limit', async () => {
    const b = await board([{ name: 'Backlog' }, { name: 'Doing', wipLimit: 1 }]);
    const one = (await mutate(alice.principal, 'taskCreate', { title: 'One', boardId: b.id }, 'task { id }')).task;
    const two = (await mutate(alice.principal, 'taskCreate', { title: 'Two', boardId: b.id }, 'task { id }')).task;
    await mutate(alice.principal, 'taskMove', { id: one.id, columnId: b.columns[1]!.id }, 'task { id }');
    expect(await refused(alice.principal, 'taskMove', { id: two.id, columnId: b.columns[1]!.id })).toEqual(['TASK_COLUMN_WIP_LIMIT']);
    // Moving within the full column is fine.
    await mutate(alice.principal, 'taskMove', { id: one.id, columnId: b.columns[1]!.id }, 'task { id }');
  });

  it('keeps each column’s order total and stable over 300 random moves', async () => {
    const b = await board([{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const model = new Map<string, string[]>(b.columns.map((c) => [c.id, []]));
    const titles = new Map<string, string>();
    for (let i = 0; i < 30; i++) {
      const column = b.columns[i % 3]!.id;
      const task = (await mutate(alice.principal, 'taskCreate', { title: `T${i}`, columnId: column }, 'task { id }')).task;
      model.get(column)!.push(task.id);
      titles.set(task.id, `T${i}`);
    }
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const ids = [...titles.keys()];
    for (let move = 0; move < 300; move++) {
      const id = ids[random(ids.length)]!;
      const target = b.columns[random(3)]!.id;
      for (const list of model.values()) list.splice(list.indexOf(id), list.includes(id) ? 1 : 0);
      const list = model.get(target)!;
      const at = random(list.length + 1);
      const input: Record<string, unknown> = { id, columnId: target };
      if (at < list.length && random(2)) input.beforeId = list[at];
      else if (at > 0) input.afterId = list[at - 1];
      else if (list.length) input.beforeId = list[0];
      list.splice(input.afterId ? list.indexOf(input.afterId as string) + 1 : input.beforeId ? list.indexOf(input.beforeId as string) : list.length, 0, id);
      await mutate(alice.principal, 'taskMove', input, 'task { id }');
    }
    const actual = await columnTitles(b.id);
    expect(actual).toEqual(Object.fromEntries(b.columns.map((c) => [c.name, model.get(c.id)!.map((id) => titles.get(id)!)])));
    const rows = await withClient(
      database.url,
      async (c) =>
        (await c.query(`SELECT column_id, position FROM tasks.tasks WHERE board_id = $1 ORDER BY column_id, position COLLATE "C"`, [uuidOf(b.id)])).rows,
    );
    expect(new Set(rows.map((r) => `${r.column_id}/${r.position}`)).size).toBe(30);
    expect(rows.every((r) => r.position.length <= MAX_KEY_LENGTH)).toBe(true);
  }, 600_000); // a hang guard only: hundreds of real transactions take minutes on a busy machine

  it('rebalances a column whose keys grow too long, keeping the order', async () => {
    const b = await board([{ name: 'Only' }]);
    const first = (await mutate(alice.principal, 'taskCreate', { title: 'first', columnId: b.columns[0]!.id }, 'task { id }')).task;
    const last = (await mutate(alice.principal, 'taskCreate', { title: 'last', columnId: b.columns[0]!.id }, 'task { id position }')).task;
    const expected = ['first'];
    for (let i = 0; i < 150; i++) {
      const task = (await mutate(alice.principal, 'taskCreate', { title: `n${i}`, columnId: b.columns[0]!.id }, 'task { id }')).task;
      await mutate(alice.principal, 'taskMove', { id: task.id, columnId: b.columns[0]!.id, afterId: first.id }, 'task { id }');
      expected.splice(1, 0, `n${i}`);
    }
    expected.push('last');
    expect((await columnTitles(b.id)).Only).toEqual(expected);
    const longest = await withClient(
      database.url,
      async (c) => (await c.query('SELECT max(length(position)) AS n FROM tasks.tasks WHERE board_id = $1', [uuidOf(b.id)])).rows[0].n,
    );
    expect(longest).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    // A rebalance rewrote every key: even the untouched last task's.
    const lastNow = await harness.request('tasks', 'query($id: ID!) { task(id: $id) { position } }', { id: last.id }, alice.principal);
    expect(lastNow.data!.task.position).not.toBe(last.position);
  }, 180_000); // a hang guard: a thousand real transactions take long on a busy machine
});

describe('hierarchy', () => {
  it('nests subtasks to any depth and refuses cycles', async () => {
    const root = (await mutate(alice.principal, 'taskCreate', { title: 'Root' }, 'task { id }')).task;
    const child = (await mutate(alice.principal, 'taskCreate', { title: 'Child', parentId: root.id }, 'task { id }')).task;
    const grandchild = (await mutate(alice.principal, 'taskCreate', { title: 'Grandchild', parentId: child.id }, 'task { id }')).task;
    const tree = await harness.request(
      'tasks',
      `query($id: ID!) { task(id: $id) { subtasks { nodes { title subtasks { nodes { title parent { title } } } } } } }`,
      { id: root.id },
      alice.principal,
    );
    expect(tree.data!.task.subtasks.nodes).toEqual([{ title: 'Child', subtasks: { nodes: [{ title: 'Grandchild', parent: { title: 'Child' } }] } }]);
    expect(await refused(alice.principal, 'taskUpdate', { id: root.id, parentId: grandchild.id })).toEqual(['TASK_PARENT_CYCLE']);
    expect(await refused(alice.principal, 'taskUpdate', { id: root.id, parentId: root.id })).toEqual(['TASK_PARENT_CYCLE']);
    await mutate(alice.principal, 'taskUpdate', { id: grandchild.id, parentId: null }, 'task { id }');
    const topLevel = await harness.request(
      'tasks',
      `query { tasks(filter: { parent: { isNull: true }, title: { in: ["Root", "Child", "Grandchild"] } }, orderBy: [{ field: TITLE }]) { nodes { title } } }`,
      {},
      alice.principal,
    );
    expect(topLevel.data!.tasks.nodes).toEqual([{ title: 'Grandchild' }, { title: 'Root' }]);
  });
});

describe('tenancy and permissions', () => {
  it('keeps boards to their organization and to those they are shared with', async () => {
    const b = await board([{ name: 'Col' }]);
    const stranger = await testMember(database.url);
    expect((await harness.request('tasks', 'query($id: ID!) { board(id: $id) { id } }', { id: b.id }, stranger.principal)).data!.board).toBeNull();
    expect((await harness.request('tasks', '{ boards { totalCount } }', {}, stranger.principal)).data!.boards.totalCount).toBe(0);
    const guest = await testMember(database.url, 'guest', alice.orgId);
    expect((await harness.request('tasks', '{ boards { totalCount } }', {}, guest.principal)).data!.boards.totalCount).toBe(0);
    const entities = await harness.request(
      'tasks',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Board { name } } }',
      { r: [{ __typename: 'Board', id: b.id }] },
      alice.principal,
    );
    expect(entities.data!._entities).toEqual([{ name: 'Sprint' }]);
    const foreign = await harness.request(
      'tasks',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Board { name } } }',
      { r: [{ __typename: 'Board', id: b.id }] },
      stranger.principal,
    );
    expect(foreign.data!._entities).toEqual([null]);
    const guestCreate = await harness.request('tasks', 'mutation { boardCreate(input: { name: "Mine" }) { board { id } } }', {}, guest.principal);
    expect(guestCreate.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
