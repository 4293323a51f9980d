import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;
let member: TestUser;
let guest: TestUser;
let teamGuest: TestUser;
let team: string;

async function joinAs(email: string, role: string): Promise<TestUser> {
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email, role } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: email.split('@')[0], password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  return { token: session.accessToken, refreshToken: '', userId: session.user.id, organizationId: owner.organizationId, email, password: TEST_PASSWORD };
}

const createTask = async (title: string) =>
  (await cell.gql('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', { input: { title } }, owner.token)).data!.taskCreate.task
    .id as string;
const titles = async (user: TestUser) =>
  ((await cell.gql('{ tasks { nodes { title } } }', {}, user.token)).data!.tasks.nodes as { title: string }[]).map((n) => n.title).sort();
const grant = (objectId: string, subjectId: string, relation: string, as = owner) =>
  cell.gql(
    'mutation($input: PermissionGrantInput!) { permissionGrant(input: $input) { grant { relation source } userErrors { code } } }',
    { input: { objectId, subjectId, relation } },
    as.token,
  );

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  member = await joinAs('member@example.test', 'MEMBER');
  guest = await joinAs('guest@example.test', 'GUEST');
  teamGuest = await joinAs('team-guest@example.test', 'GUEST');
  team = (await cell.gql('mutation { teamCreate(input: { name: "Reviewers" }) { team { id } } }', {}, owner.token)).data!.teamCreate.team.id;
  await cell.gql(
    'mutation($input: TeamMemberAddInput!) { teamMemberAdd(input: $input) { userErrors { code } } }',
    { input: { teamId: team, userId: teamGuest.userId } },
    owner.token,
  );
});
afterAll(async () => {
  await cell?.stop();
});

describe('permissions', () => {
  it('let members see every task and guests only what is shared with them or their team', async () => {
    const plan = await createTask('Plan');
    const secret = await createTask('Secret');
    expect(await titles(member)).toEqual(expect.arrayContaining(['Plan', 'Secret']));
    expect(await titles(guest)).toEqual([]);
    const denied = await cell.gql('query($id: ID!) { task(id: $id) { title } }', { id: plan }, guest.token);
    expect(denied.data!.task).toBeNull();
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    expect((await grant(plan, guest.userId, 'VIEWER')).data!.permissionGrant).toEqual({ grant: { relation: 'VIEWER', source: 'OBJECT' }, userErrors: [] });
    expect((await grant(secret, team, 'EDITOR')).data!.permissionGrant.userErrors).toEqual([]);
    await expect.poll(() => titles(guest), { timeout: 3_000 }).toEqual(['Plan']);
    expect(await titles(teamGuest)).toEqual(['Secret']);

    const update = 'mutation($input: TaskUpdateInput!) { taskUpdate(input: $input) { task { title } userErrors { code } } }';
    expect((await cell.gql(update, { input: { id: plan, title: 'Viewer edit' } }, guest.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(update, { input: { id: secret, title: 'Team edit' } }, teamGuest.token)).data!.taskUpdate.task.title).toBe('Team edit');
    expect((await cell.gql(update, { input: { id: secret, title: 'Nope' } }, guest.token)).data!.taskUpdate.userErrors).toEqual([{ code: 'TASK_NOT_FOUND' }]);
    expect((await cell.gql('mutation { taskCreate(input: { title: "Guest task" }) { task { id } } }', {}, guest.token)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );

    // Through a reference from another subgraph too: a denied entity is null plus an error.
    const viaUser = await cell.gql('{ me { assignedTasks { totalCount } } }', {}, guest.token);
    expect(viaUser.data!.me.assignedTasks.totalCount).toBe(0);

    const revoke = await cell.gql(
      'mutation($input: PermissionRevokeInput!) { permissionRevoke(input: $input) { userErrors { code } } }',
      { input: { objectId: plan, subjectId: guest.userId } },
      owner.token,
    );
    expect(revoke.data!.permissionRevoke.userErrors).toEqual([]);
    await expect.poll(() => titles(guest), { timeout: 3_000 }).toEqual([]);
  });

  it('show who can access an object and why, and what the viewer can access', async () => {
    const doc = await createTask('Audited');
    await grant(doc, guest.userId, 'VIEWER');
    await grant(doc, team, 'EDITOR');
    const audit = await cell.gql(
      `query($id: ID!) { objectPermissions(objectId: $id) { relation source subject {
        __typename ... on User { email } ... on Team { name } ... on RoleSubject { role } } } }`,
      { id: doc },
      owner.token,
    );
    expect(audit.data!.objectPermissions).toEqual([
      { relation: 'VIEWER', source: 'OBJECT', subject: { __typename: 'User', email: 'guest@example.test' } },
      { relation: 'EDITOR', source: 'OBJECT', subject: { __typename: 'Team', name: 'Reviewers' } },
      { relation: 'OWNER', source: 'ROLE', subject: { __typename: 'RoleSubject', role: 'OWNER' } },
      { relation: 'OWNER', source: 'ROLE', subject: { __typename: 'RoleSubject', role: 'ADMIN' } },
      { relation: 'EDITOR', source: 'ROLE', subject: { __typename: 'RoleSubject', role: 'MEMBER' } },
    ]);
    expect((await cell.gql('query($id: ID!) { objectPermissions(objectId: $id) { relation } }', { id: doc }, member.token)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );

    const access = await cell.gql('{ viewerAccess { role teams { name } sharedObjects { objectId relation viaTeam { name } } } }', {}, teamGuest.token);
    expect(access.data!.viewerAccess.role).toBe('GUEST');
    expect(access.data!.viewerAccess.teams).toEqual([{ name: 'Reviewers' }]);
    expect(access.data!.viewerAccess.sharedObjects).toContainEqual({ objectId: doc, relation: 'EDITOR', viaTeam: { name: 'Reviewers' } });
  });

  it('refuse to share with outsiders or what cannot be shared, and only for those who manage the object', async () => {
    const doc = await createTask('Private');
    const outsider = await cell.signUp('Outsider');
    expect((await grant(doc, outsider.userId, 'VIEWER')).data!.permissionGrant.userErrors).toEqual([{ code: 'PERMISSION_INVALID_SUBJECT' }]);
    expect((await grant(owner.organizationId, guest.userId, 'VIEWER')).data!.permissionGrant.userErrors).toEqual([{ code: 'PERMISSION_INVALID_OBJECT' }]);
    expect((await grant(doc, guest.userId, 'VIEWER', member)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
