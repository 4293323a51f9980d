import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { waitFor } from '@cellgraph/kernel/testing';

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email: 'colleague@example.test', role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, 'colleague@example.test');
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  colleague = { ...owner, token: session.accessToken, userId: session.user.id, email: 'colleague@example.test' };
});
afterAll(async () => {
  await cell?.stop();
});

/** SQL statements every subgraph sent while serving the request with this id. */
const statementsOf = (requestId: string) => cell.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.forRequest(requestId), 0);

describe('tasks across the graph', () => {
  it('lists 100 tasks with assignees and watchers in as many SQL statements as 1', async () => {
    for (let i = 0; i < 100; i++) {
      const assigneeId = i % 2 ? owner.userId : colleague.userId;
      const created = await cell.gql(
        'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
        { input: { title: `Task ${i}`, assigneeId } },
        owner.token,
      );
      expect(created.errors).toBeUndefined();
    }
    const query = `query($first: Int!) { tasks(first: $first) { nodes { title assignee { name email } watchers { name } createdBy { email } } } }`;
    const one = await cell.gql(query, { first: 1 }, owner.token, { 'x-request-id': 'list-one' });
    const hundred = await cell.gql(query, { first: 100 }, owner.token, { 'x-request-id': 'list-hundred' });
    expect(one.data!.tasks.nodes).toHaveLength(1);
    expect(hundred.data!.tasks.nodes).toHaveLength(100);
    expect(hundred.data!.tasks.nodes[0]).toMatchObject({ assignee: { name: expect.any(String) }, watchers: expect.arrayContaining([{ name: 'Owner' }]) });
    expect(statementsOf('list-one')).toBeGreaterThan(0);
    expect(statementsOf('list-hundred')).toBe(statementsOf('list-one'));
  });

  it('follows users to their tasks and teams to their members’ tasks', async () => {
    const team = (await cell.gql('mutation { teamCreate(input: { name: "Ops" }) { team { id } } }', {}, owner.token)).data!.teamCreate.team.id;
    await cell.gql(
      'mutation($input: TeamMemberAddInput!) { teamMemberAdd(input: $input) { userErrors { code } } }',
      { input: { teamId: team, userId: colleague.userId } },
      owner.token,
    );
    const result = await cell.gql(
      `query($team: ID!) { team(id: $team) { name members { nodes { user { name assignedTasks(first: 1) { totalCount } } } } tasks(first: 3) { totalCount nodes { assignee { email } } } } }`,
      { team },
      owner.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.team.members.nodes).toEqual([{ user: { name: 'Colleague', assignedTasks: { totalCount: 50 } } }]);
    expect(result.data!.team.tasks.totalCount).toBe(50);
    expect(result.data!.team.tasks.nodes.every((n: { assignee: { email: string } }) => n.assignee.email === 'colleague@example.test')).toBe(true);
  });

  it('shows nothing of one organization to another, board or task', async () => {
    const stranger = await cell.signUp('Stranger');
    const board = (await cell.gql('mutation { boardCreate(input: { name: "Private", columns: [{ name: "A" }] }) { board { id } } }', {}, owner.token)).data!
      .boardCreate.board.id;
    const seen = await cell.gql('query($id: ID!) { board(id: $id) { id } tasks { totalCount } boards { totalCount } }', { id: board }, stranger.token);
    expect(seen.data).toEqual({ board: null, tasks: { totalCount: 0 }, boards: { totalCount: 0 } });
  });

  it('buckets a time series in the caller’s profile time zone when none is asked for', async () => {
    const due = '2026-05-03T23:30:00.000Z'; // Sunday 3 May in UTC, Monday 4 May in Berlin
    const created = await cell.gql(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
      { input: { title: 'Late', dueDate: due } },
      owner.token,
    );
    expect(created.errors).toBeUndefined();
    const series = `query($from: DateTimeISO!, $to: DateTimeISO!) { taskAnalytics { timeSeries(date: DUE_DATE, interval: WEEK, from: $from, to: $to) { start count } } }`;
    const range = { from: '2026-04-20T00:00:00.000Z', to: '2026-05-18T00:00:00.000Z' };
    const weekOf = async (token: string) => {
      const result = await cell.gql<{ taskAnalytics: { timeSeries: { start: string; count: number }[] } }>(series, range, token);
      expect(result.errors).toBeUndefined();
      return result.data!.taskAnalytics.timeSeries.filter((bucket) => bucket.count > 0).map((bucket) => bucket.start);
    };
    // Default profile (UTC): the week of Monday 27 April.
    expect(await weekOf(owner.token)).toEqual(['2026-04-27T00:00:00.000Z']);
    const set = await cell.gql(
      'mutation($input: SettingSetInput!) { settingSet(input: $input) { userErrors { code } } }',
      { input: { namespace: 'profile', scope: 'USER', values: { timeZone: 'Europe/Berlin' } } },
      owner.token,
    );
    expect(set.errors ?? set.data!.settingSet.userErrors).toEqual([]);
    // In Berlin the task is due on Monday 4 May: that week, from local midnight (22:00 UTC the day before).
    await waitFor(async () => (await weekOf(owner.token))[0] === '2026-05-03T22:00:00.000Z', 'the profile’s time zone to apply');
    // The colleague's profile is still UTC.
    expect(await weekOf(colleague.token)).toEqual(['2026-04-27T00:00:00.000Z']);
  });
});
