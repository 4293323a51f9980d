import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksSubgraph } from '../src/index.js';

// taskAnalytics: the kernel's analytics over the tasks list — the same filter, the same readers.

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let colleague: TestMember;

const { mutate } = mutationsOf(() => harness, 'tasks');
const query = (text: string, variables: Record<string, unknown>, who: TestMember) => harness.request('tasks', text, variables, who.principal);
const data = async (text: string, variables: Record<string, unknown> = {}, who: TestMember = owner) => {
  const result = await query(text, variables, who);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

// Due dates around midnight UTC: 23:30 UTC on Sunday 1 March is already Monday 2 March in Berlin.
const TASKS = [
  { title: 'a', status: 'TODO', priority: 'HIGH', dueDate: '2026-03-01T23:30:00.000Z', assignee: 'colleague' },
  { title: 'b', status: 'TODO', priority: 'LOW', dueDate: '2026-03-02T08:00:00.000Z', assignee: 'colleague' },
  { title: 'c', status: 'IN_PROGRESS', priority: 'HIGH', dueDate: '2026-03-04T12:00:00.000Z', assignee: null },
  { title: 'd', status: 'DONE', priority: null, dueDate: '2026-03-10T12:00:00.000Z', assignee: null },
  { title: 'e', status: 'TODO', priority: null, dueDate: null, assignee: null },
];

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([tasksSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  colleague = await testMember(database.url, 'member', owner.orgId);
  for (const { assignee, ...task } of TASKS) {
    const created = await mutate<{ task: { id: string } }>(
      owner.principal,
      'taskCreate',
      { ...task, assigneeId: assignee ? colleague.globalUserId : null },
      'task { id }',
    );
    expect(created.task.id).toBeTruthy();
  }
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const GROUPS =
  'query($dimension: TaskAnalyticsDimension!, $filter: TaskFilter) { taskAnalytics(filter: $filter) { count groupBy(dimension: $dimension) { key count sum } } }';
const SERIES = `query($interval: AnalyticsInterval!, $from: DateTimeISO!, $to: DateTimeISO!, $timeZone: String) {
  taskAnalytics { timeSeries(date: DUE_DATE, interval: $interval, from: $from, to: $to, timeZone: $timeZone) { start count } } }`;

describe('taskAnalytics', () => {
  it('counts and groups the tasks the list shows, by enum values and by global ids, largest groups first', async () => {
    const byStatus = await data(GROUPS, { dimension: 'STATUS' });
    expect(byStatus.taskAnalytics).toEqual({
      count: 5,
      groupBy: [
        { key: 'TODO', count: 3, sum: null },
        { key: 'DONE', count: 1, sum: null },
        { key: 'IN_PROGRESS', count: 1, sum: null },
      ],
    });
    const byAssignee = await data(GROUPS, { dimension: 'ASSIGNEE' });
    expect(byAssignee.taskAnalytics.groupBy).toEqual([
      { key: null, count: 3, sum: null },
      { key: colleague.globalUserId, count: 2, sum: null },
    ]);
    // The list's own filter, and the list's count for it.
    const filter = { priority: { eq: 'HIGH' } };
    const high = await data(GROUPS, { dimension: 'STATUS', filter });
    const listed = await data('query($filter: TaskFilter) { tasks(filter: $filter) { totalCount } }', { filter });
    expect(high.taskAnalytics.count).toBe(listed.tasks.totalCount);
    expect(high.taskAnalytics.groupBy).toEqual([
      { key: 'IN_PROGRESS', count: 1, sum: null },
      { key: 'TODO', count: 1, sum: null },
    ]);
  });

  it('lays a time series over every interval, in the time zone asked for (weeks from Monday)', async () => {
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z' };
    const utc = await data(SERIES, { ...range, interval: 'DAY' });
    expect(utc.taskAnalytics.timeSeries).toEqual([
      { start: '2026-03-01T00:00:00.000Z', count: 1 },
      { start: '2026-03-02T00:00:00.000Z', count: 1 },
      { start: '2026-03-03T00:00:00.000Z', count: 0 },
      { start: '2026-03-04T00:00:00.000Z', count: 1 },
    ]);
    // In Berlin (UTC+1) task "a" falls on 2 March; buckets start at local midnight.
    const berlin = await data(SERIES, { from: '2026-02-28T23:00:00.000Z', to: '2026-03-04T23:00:00.000Z', interval: 'DAY', timeZone: 'Europe/Berlin' });
    expect(berlin.taskAnalytics.timeSeries).toEqual([
      { start: '2026-02-28T23:00:00.000Z', count: 0 },
      { start: '2026-03-01T23:00:00.000Z', count: 2 },
      { start: '2026-03-02T23:00:00.000Z', count: 0 },
      { start: '2026-03-03T23:00:00.000Z', count: 1 },
    ]);
    const weeks = await data(SERIES, { from: '2026-02-23T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', interval: 'WEEK' });
    expect(weeks.taskAnalytics.timeSeries).toEqual([
      { start: '2026-02-23T00:00:00.000Z', count: 1 },
      { start: '2026-03-02T00:00:00.000Z', count: 2 },
      { start: '2026-03-09T00:00:00.000Z', count: 1 },
    ]);
  });

  it('counts only what the caller reads: a guest none of the members’ tasks, another organization nothing', async () => {
    const guest = await testMember(database.url, 'guest', owner.orgId);
    expect((await data(GROUPS, { dimension: 'STATUS' }, guest)).taskAnalytics).toEqual({ count: 0, groupBy: [] });
    const stranger = await testMember(database.url, 'owner');
    const series = await data(SERIES, { from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', interval: 'DAY' }, stranger);
    expect(series.taskAnalytics.timeSeries.map((bucket: { count: number }) => bucket.count)).toEqual([0, 0]);
    expect((await data(GROUPS, { dimension: 'STATUS' }, stranger)).taskAnalytics.count).toBe(0);
  });

  it('refuses an unknown time zone, an inverted or too long range and too many groups, with codes', async () => {
    const codeOf = async (text: string, variables: Record<string, unknown>) => (await query(text, variables, owner)).errors?.[0]?.extensions?.code;
    const day = { interval: 'DAY', from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
    expect(await codeOf(SERIES, { ...day, timeZone: 'Mars/Olympus' })).toBe('BAD_USER_INPUT');
    expect(await codeOf(SERIES, { ...day, from: day.to, to: day.from })).toBe('BAD_USER_INPUT');
    expect(await codeOf(SERIES, { ...day, to: '2030-01-01T00:00:00.000Z' })).toBe('BAD_USER_INPUT');
    expect(await codeOf('{ taskAnalytics { groupBy(dimension: STATUS, limit: 101) { key } } }', {})).toBe('BAD_USER_INPUT');
  });
});
