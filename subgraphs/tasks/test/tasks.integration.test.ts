import { toGlobalId, uuidv7, type OrganizationRoleName, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  startTestSubgraphs,
  testMember,
  userPrincipal,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/index.js';

const TASK_FIELDS = 'id title description status priority dueDate assignee { id } createdBy { id }';
const CREATE = `mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { ${TASK_FIELDS} } userErrors { code field message } } }`;
const UPDATE = `mutation($input: TaskUpdateInput!) { taskUpdate(input: $input) { task { ${TASK_FIELDS} } userErrors { code field message } } }`;
const DELETE = `mutation($input: TaskDeleteInput!) { taskDelete(input: $input) { deletedTaskId userErrors { code field message } } }`;
const RESTORE = `mutation($input: TaskRestoreInput!) { taskRestore(input: $input) { task { id title } userErrors { code field message } } }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Task { id title } } }`;

let database: TestDatabase;
let harness: SubgraphHarness;

const member = (role?: OrganizationRoleName, orgId?: string) => testMember(database.url, role, orgId);

/** A user id that belongs to `orgId`, to assign tasks to. */
async function colleague(orgId: string): Promise<string> {
  return (await member('member', orgId)).userId;
}

async function createTask(principal: Principal, input: Record<string, unknown>) {
  const result = await harness.request('tasks', CREATE, { input }, principal);
  expect(result.errors).toBeUndefined();
  expect(result.data!.taskCreate.userErrors).toEqual([]);
  return result.data!.taskCreate.task as { id: string; title: string; dueDate: string | null; status: string };
}

async function countRows(orgId: string): Promise<number> {
  return withClient(database.url, async (client) => Number((await client.query('SELECT count(*) FROM tasks.tasks WHERE org_id = $1', [orgId])).rows[0].count));
}

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url });
});

afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

describe('task lifecycle', () => {
  it('creates a task with its creator and assignee', async () => {
    const { principal, userId, orgId } = await member();
    const assignee = toGlobalId('User', await colleague(orgId));
    const task = await createTask(principal, { title: '  Write the spec ', priority: 'HIGH', dueDate: '2026-12-01T09:00:00.000Z', assigneeId: assignee });
    expect(task).toMatchObject({
      title: 'Write the spec',
      description: null,
      status: 'TODO',
      priority: 'HIGH',
      dueDate: '2026-12-01T09:00:00.000Z',
      assignee: { id: assignee },
      createdBy: { id: toGlobalId('User', userId) },
    });
    expect(Buffer.from(task.id, 'base64url').toString()).toMatch(/^Task:[0-9a-f-]{36}$/);
  });

  it('answers invalid input with field-level user errors and writes nothing', async () => {
    const { principal, orgId } = await member();
    const result = await harness.request('tasks', CREATE, { input: { title: '   ', assigneeId: toGlobalId('Task', uuidv7()) } }, principal);
    expect(result.data!.taskCreate.task).toBeNull();
    expect(result.data!.taskCreate.userErrors).toEqual([
      { code: 'TASK_INVALID_INPUT', field: ['input', 'title'], message: 'Title is required' },
      { code: 'TASK_INVALID_INPUT', field: ['input', 'assigneeId'], message: 'Not a valid User id' },
    ]);
    expect(await countRows(orgId)).toBe(0);
  });

  it('updates only the fields given, and clears fields set to null', async () => {
    const { principal, orgId } = await member();
    const task = await createTask(principal, {
      title: 'Draft',
      description: 'Some text',
      priority: 'LOW',
      assigneeId: toGlobalId('User', await colleague(orgId)),
    });
    const result = await harness.request('tasks', UPDATE, { input: { id: task.id, status: 'IN_PROGRESS', description: null, assigneeId: null } }, principal);
    expect(result.data!.taskUpdate.userErrors).toEqual([]);
    expect(result.data!.taskUpdate.task).toMatchObject({ title: 'Draft', status: 'IN_PROGRESS', description: null, priority: 'LOW', assignee: null });
    const invalid = await harness.request('tasks', UPDATE, { input: { id: task.id, title: '' } }, principal);
    expect(invalid.data!.taskUpdate.userErrors[0]).toMatchObject({ code: 'TASK_INVALID_INPUT', field: ['input', 'title'] });
  });

  it('moves a task to the trash and restores it', async () => {
    const { principal } = await member();
    const task = await createTask(principal, { title: 'Disposable' });
    const deleted = await harness.request('tasks', DELETE, { input: { id: task.id } }, principal);
    expect(deleted.data!.taskDelete).toEqual({ deletedTaskId: task.id, userErrors: [] });
    const lookup = await harness.request('tasks', `query($id: ID!) { task(id: $id) { id } tasks { totalCount } }`, { id: task.id }, principal);
    expect(lookup.data).toEqual({ task: null, tasks: { totalCount: 0 } });
    expect((await harness.request('tasks', ENTITIES, { representations: [{ __typename: 'Task', id: task.id }] }, principal)).data!._entities).toEqual([null]);
    const twice = await harness.request('tasks', DELETE, { input: { id: task.id } }, principal);
    expect(twice.data!.taskDelete.userErrors[0].code).toBe('TASK_NOT_FOUND');
    const restored = await harness.request('tasks', RESTORE, { input: { id: task.id } }, principal);
    expect(restored.data!.taskRestore).toEqual({ task: { id: task.id, title: 'Disposable' }, userErrors: [] });
  });

  it('creates once per idempotency key: retries replay, another request with the key is refused', async () => {
    const alice = await member();
    const input = { title: 'Pay the rent', idempotencyKey: 'rent-2026-11' };
    const [first, concurrent] = await Promise.all([createTask(alice.principal, input), createTask(alice.principal, input)]);
    const retried = await createTask(alice.principal, input);
    expect(concurrent.id).toBe(first.id);
    expect(retried.id).toBe(first.id);
    expect(await countRows(alice.orgId)).toBe(1);
    const other = await harness.request('tasks', CREATE, { input: { ...input, title: 'Pay the gas' } }, alice.principal);
    expect(other.data!.taskCreate).toMatchObject({ task: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] });
    const failed = await harness.request('tasks', CREATE, { input: { title: '', idempotencyKey: 'later' } }, alice.principal);
    expect(failed.data!.taskCreate.userErrors[0].code).toBe('TASK_INVALID_INPUT');
    expect((await createTask(alice.principal, { title: 'Now valid', idempotencyKey: 'later' })).title).toBe('Now valid');
    const bob = await member();
    expect((await createTask(bob.principal, input)).id).not.toBe(first.id);
  });

  it('rejects an id of another type as bad input', async () => {
    const { principal } = await member();
    const result = await harness.request('tasks', '{ task(id: "nonsense") { id } }', {}, principal);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });
});

describe('listing', () => {
  let principal: Principal;
  let assignee: string;

  beforeAll(async () => {
    let orgId: string;
    ({ principal, orgId } = await member());
    assignee = toGlobalId('User', await colleague(orgId));
    await createTask(principal, { title: 'Alpha report', status: 'DONE', assigneeId: assignee });
    await createTask(principal, { title: 'beta review', status: 'IN_PROGRESS', dueDate: '2026-12-10T00:00:00.000Z' });
    await createTask(principal, { title: 'Gamma ALPHA sync', status: 'TODO', dueDate: '2026-12-05T00:00:00.000Z', assigneeId: assignee });
  });

  const titles = async (args: string, filter: Record<string, unknown> | null = null) => {
    const query = `query($filter: TaskFilter) { tasks(filter: $filter${args ? `, ${args}` : ''}) { totalCount nodes { title } } }`;
    const result = await harness.request('tasks', query, { filter }, principal);
    expect(result.errors).toBeUndefined();
    return { titles: result.data!.tasks.nodes.map((n: { title: string }) => n.title), total: result.data!.tasks.totalCount };
  };

  it('filters with typed comparators, and/or/not', async () => {
    expect((await titles('orderBy: [{ field: TITLE }]', { title: { contains: 'alpha' } })).titles).toEqual(['Alpha report', 'Gamma ALPHA sync']);
    expect((await titles('', { status: { in: ['DONE', 'IN_PROGRESS'] } })).total).toBe(2);
    expect((await titles('', { assignee: { eq: assignee } })).total).toBe(2);
    expect((await titles('', { dueDate: { isNull: true } })).titles).toEqual(['Alpha report']);
    expect((await titles('', { dueDate: { lt: '2026-12-07T00:00:00.000Z' } })).titles).toEqual(['Gamma ALPHA sync']);
    expect((await titles('', { title: { startsWith: 'BETA' } })).titles).toEqual(['beta review']);
    const combined = await titles('orderBy: [{ field: TITLE, direction: DESC }]', {
      or: [{ status: { eq: 'DONE' } }, { and: [{ dueDate: { isNull: false } }, { not: { title: { contains: 'gamma' } } }] }],
    });
    expect(combined.titles).toEqual(['beta review', 'Alpha report']);
  });

  it('orders newest first by default and by the requested fields otherwise', async () => {
    expect((await titles('')).titles).toEqual(['Gamma ALPHA sync', 'beta review', 'Alpha report']);
    expect((await titles('orderBy: [{ field: DUE_DATE }]')).titles).toEqual(['Gamma ALPHA sync', 'beta review', 'Alpha report']);
    expect((await titles('orderBy: [{ field: DUE_DATE, direction: DESC }]')).titles).toEqual(['Alpha report', 'beta review', 'Gamma ALPHA sync']);
  });

  it('refuses malformed paging arguments', async () => {
    const codes = async (args: string) =>
      (await harness.request('tasks', `{ tasks(${args}) { totalCount } }`, {}, principal)).errors?.map((e) => e.extensions?.code);
    expect(await codes('first: 101')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('first: 1, last: 1')).toEqual(['BAD_USER_INPUT']);
    expect(await codes('after: "garbage"')).toEqual(['BAD_USER_INPUT']);
    const page = await harness.request('tasks', '{ tasks(first: 1) { pageInfo { endCursor } } }', {}, principal);
    const cursor = page.data!.tasks.pageInfo.endCursor;
    const mismatch = await harness.request(
      'tasks',
      `query($after: String) { tasks(after: $after, orderBy: [{ field: TITLE }]) { totalCount } }`,
      { after: cursor },
      principal,
    );
    expect(mismatch.errors![0]!.message).toBe('after was taken with a different orderBy');
  });
});

describe('keyset pagination', () => {
  it('walks every ordering forwards and backwards without gaps or repeats, nulls included', async () => {
    const { principal } = await member();
    const created: { id: string; title: string; dueDate: string | null }[] = [];
    for (let i = 0; i < 23; i++) {
      const dueDate = i % 4 === 0 ? null : new Date(Date.UTC(2026, 11, 1 + (i % 5))).toISOString(); // duplicates and nulls
      created.push(await createTask(principal, { title: `Task ${String.fromCharCode(97 + (i % 7))}`, dueDate }));
    }
    type Page = { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } };
    const query = `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: [TaskOrder!]) {
      tasks(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
        nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const orderBy of [
      [{ field: 'DUE_DATE', direction: 'ASC' }],
      [{ field: 'DUE_DATE', direction: 'DESC' }],
      [
        { field: 'TITLE', direction: 'ASC' },
        { field: 'DUE_DATE', direction: 'DESC' },
      ],
    ]) {
      const forward: string[] = [];
      let after: string | null = null;
      for (let pages = 0; ; pages++) {
        const result = await harness.request<{ tasks: Page }>('tasks', query, { first: 4, after, orderBy }, principal);
        const connection: Page = result.data!.tasks;
        forward.push(...connection.nodes.map((n) => n.id));
        expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }
      const backward: string[] = [];
      let before: string | null = null;
      for (;;) {
        const result = await harness.request<{ tasks: Page }>('tasks', query, { last: 5, before, orderBy }, principal);
        const connection: Page = result.data!.tasks;
        backward.unshift(...connection.nodes.map((n) => n.id));
        if (!connection.pageInfo.hasPreviousPage) break;
        before = connection.pageInfo.startCursor;
      }
      expect(new Set(forward).size).toBe(created.length);
      expect(backward).toEqual(forward);
      // The order matches Postgres' own ORDER BY of the same keys (nulls as the greatest value).
      const sql = orderBy
        .map((o) => `${o.field === 'TITLE' ? 'title' : 'due_date'} ${o.direction} ${o.direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST'}`)
        .join(', ');
      const last = orderBy.at(-1)!.direction;
      const expected = await withClient(database.url, async (client) =>
        (await client.query(`SELECT id FROM tasks.tasks WHERE org_id = $1 ORDER BY ${sql}, id ${last}`, [(principal as { orgId: string }).orgId])).rows.map(
          (r) => toGlobalId('Task', r.id),
        ),
      );
      expect(forward).toEqual(expected);
    }
  });
});

describe('tenancy and permissions', () => {
  it('keeps each organization’s tasks to itself, also through _entities', async () => {
    const a = await member();
    const b = await member();
    const task = await createTask(a.principal, { title: 'Secret plan' });
    const listB = await harness.request('tasks', '{ tasks { totalCount nodes { id } } }', {}, b.principal);
    expect(listB.data!.tasks).toEqual({ totalCount: 0, nodes: [] });
    const lookupB = await harness.request('tasks', 'query($id: ID!) { task(id: $id) { id } }', { id: task.id }, b.principal);
    expect(lookupB.data!.task).toBeNull();
    const entities = { representations: [{ __typename: 'Task', id: task.id }] };
    expect((await harness.request('tasks', ENTITIES, entities, b.principal)).data!._entities).toEqual([null]);
    expect((await harness.request('tasks', ENTITIES, entities, a.principal)).data!._entities).toEqual([{ id: task.id, title: 'Secret plan' }]);
    const update = await harness.request('tasks', UPDATE, { input: { id: task.id, title: 'Hijacked' } }, b.principal);
    expect(update.data!.taskUpdate.userErrors[0].code).toBe('TASK_NOT_FOUND');
    const remove = await harness.request('tasks', DELETE, { input: { id: task.id } }, b.principal);
    expect(remove.data!.taskDelete.userErrors[0].code).toBe('TASK_NOT_FOUND');
    const still = await harness.request('tasks', 'query($id: ID!) { task(id: $id) { title } }', { id: task.id }, a.principal);
    expect(still.data!.task).toEqual({ title: 'Secret plan' });
  });

  it('requires a signed-in member of an organization', async () => {
    const anonymous = await harness.request('tasks', '{ tasks { totalCount } }');
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const create = await harness.request('tasks', CREATE, { input: { title: 'x' } });
    expect(create.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const withoutOrg = await harness.request('tasks', '{ tasks { totalCount } }', {}, userPrincipal(uuidv7(), null));
    expect(withoutOrg.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('User.assignedTasks', () => {
  it('pages each user’s tasks with a constant number of statements, however many users', async () => {
    const { principal, orgId } = await member();
    const users: string[] = [];
    for (let i = 0; i < 20; i++) users.push(toGlobalId('User', await colleague(orgId)));
    for (const [index, user] of users.entries()) {
      for (let n = 0; n <= index % 3; n++) await createTask(principal, { title: `T${index}-${n}`, assigneeId: user });
    }
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on User { id assignedTasks(first: 2) { totalCount nodes { title } pageInfo { hasNextPage } } } } }`;
    const statementsFor = async (count: number) => {
      const requestId = `assigned-tasks-of-${count}`;
      const result = await harness.request(
        'tasks',
        query,
        { representations: users.slice(0, count).map((id) => ({ __typename: 'User', id })) },
        principal,
        requestId,
      );
      expect(result.errors).toBeUndefined();
      return { statements: harness.statements('tasks', requestId), data: result.data!._entities };
    };
    const one = await statementsFor(1);
    const twenty = await statementsFor(20);
    expect(twenty.statements).toBe(one.statements);
    expect(twenty.data[2]).toEqual({
      id: users[2],
      assignedTasks: { totalCount: 3, nodes: [{ title: 'T2-2' }, { title: 'T2-1' }], pageInfo: { hasNextPage: true } },
    });
    expect(twenty.data[0]).toEqual({ id: users[0], assignedTasks: { totalCount: 1, nodes: [{ title: 'T0-0' }], pageInfo: { hasNextPage: false } } });
  });
});
