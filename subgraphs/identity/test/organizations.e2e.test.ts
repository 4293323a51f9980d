import { readSentEmails } from '@cellgraph/kernel';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
beforeAll(async () => {
  cell = await startTestCell({ cell: 'core' });
});
afterAll(async () => {
  await cell?.stop();
});

const INVITE = `mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) {
  invitation { id email role status teams { name } invitedBy { email } } userErrors { code field } } }`;
const ACCEPT = `mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) {
  session { accessToken organization { name } user { email } } userErrors { code } } }`;

/** The token of the `index`-th invitation e-mail sent to `email`. */
const invitationToken = async (email: string, index = 0) => (await waitForEmail(cell, email, { subject: 'Join', index })).token;

/** Invites `email` into `owner`'s organization and has them accept as a new account. */
async function join(owner: TestUser, email: string, role: string, teamIds: string[] = []): Promise<TestUser> {
  const invited = await cell.gql(INVITE, { input: { email, role, teamIds } }, owner.token);
  expect(invited.data!.invitationCreate.userErrors).toEqual([]);
  const accepted = await cell.gql(ACCEPT, { input: { token: await invitationToken(email), name: email.split('@')[0], password: TEST_PASSWORD } });
  expect(accepted.data!.invitationAccept.userErrors).toEqual([]);
  const me = await cell.gql('{ me { id } }', {}, accepted.data!.invitationAccept.session.accessToken);
  return { ...owner, token: accepted.data!.invitationAccept.session.accessToken, userId: me.data!.me.id, email, refreshToken: '', password: TEST_PASSWORD };
}

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe('invitations', () => {
  it('are e-mailed, accepted once by a new account that joins with its role and teams', async () => {
    const owner = await cell.signUp('Owner');
    const team = (await cell.gql('mutation { teamCreate(input: { name: "Designers" }) { team { id name } userErrors { code } } }', {}, owner.token)).data!
      .teamCreate.team;
    const email = unique('newcomer');
    const invited = await cell.gql(INVITE, { input: { email, role: 'MEMBER', teamIds: [team.id] } }, owner.token);
    expect(invited.data!.invitationCreate.invitation).toMatchObject({
      email,
      role: 'MEMBER',
      status: 'PENDING',
      teams: [{ name: 'Designers' }],
      invitedBy: { email: owner.email },
    });
    const token = await invitationToken(email);
    expect(readSentEmails(cell.emailDir).find((m) => m.to === email)!.subject).toBe("Join Owner's workspace on Cellgraph");

    const weak = await cell.gql(ACCEPT, { input: { token, name: 'New', password: 'weak' } });
    expect(weak.data!.invitationAccept.userErrors[0].code).toBe('INVITATION_INVALID_INPUT');
    const accepted = await cell.gql(ACCEPT, { input: { token, name: 'Newcomer', password: TEST_PASSWORD } });
    expect(accepted.data!.invitationAccept.session).toMatchObject({ organization: { name: "Owner's workspace" }, user: { email } });
    const session = accepted.data!.invitationAccept.session.accessToken;
    const view = await cell.gql('{ organization { viewerRole } viewerAccess { role teams { name } } }', {}, session);
    expect(view.data).toEqual({ organization: { viewerRole: 'MEMBER' }, viewerAccess: { role: 'MEMBER', teams: [{ name: 'Designers' }] } });

    expect((await cell.gql(ACCEPT, { input: { token, name: 'Again', password: TEST_PASSWORD } })).data!.invitationAccept.userErrors).toEqual([
      { code: 'INVITATION_INVALID' },
    ]);
    const list = await cell.gql(
      '{ organization { invitations { totalCount } accepted: invitations(status: ACCEPTED) { nodes { email status } } } }',
      {},
      owner.token,
    );
    expect(list.data!.organization).toEqual({ invitations: { totalCount: 0 }, accepted: { nodes: [{ email, status: 'ACCEPTED' }] } });
  });

  it('are accepted by an existing account when it is signed in with the invited e-mail', async () => {
    const owner = await cell.signUp('Host');
    const guest = await cell.signUp('Visitor');
    await cell.gql(INVITE, { input: { email: guest.email, role: 'GUEST' } }, owner.token);
    const token = await invitationToken(guest.email);
    expect((await cell.gql(ACCEPT, { input: { token } })).data!.invitationAccept.userErrors).toEqual([{ code: 'INVITATION_SIGN_IN_REQUIRED' }]);
    const someoneElse = await cell.signUp('Someone');
    expect((await cell.gql(ACCEPT, { input: { token } }, someoneElse.token)).data!.invitationAccept.userErrors).toEqual([
      { code: 'INVITATION_EMAIL_MISMATCH' },
    ]);
    const accepted = await cell.gql(ACCEPT, { input: { token } }, guest.token);
    expect(accepted.data!.invitationAccept.session.organization.name).toBe("Host's workspace");
  });

  it('can be resent (the old link stops working) and revoked; duplicates and members are refused', async () => {
    const owner = await cell.signUp('Sender');
    const email = unique('pending');
    const created = (await cell.gql(INVITE, { input: { email, role: 'GUEST' } }, owner.token)).data!.invitationCreate.invitation;
    const first = await invitationToken(email);
    expect((await cell.gql(INVITE, { input: { email, role: 'GUEST' } }, owner.token)).data!.invitationCreate.userErrors).toEqual([
      { code: 'INVITATION_ALREADY_PENDING', field: ['input', 'email'] },
    ]);
    expect((await cell.gql(INVITE, { input: { email: owner.email, role: 'GUEST' } }, owner.token)).data!.invitationCreate.userErrors[0].code).toBe(
      'INVITATION_ALREADY_MEMBER',
    );
    const resent = await cell.gql(
      'mutation($input: InvitationResendInput!) { invitationResend(input: $input) { invitation { status } userErrors { code } } }',
      { input: { id: created.id } },
      owner.token,
    );
    expect(resent.data!.invitationResend).toEqual({ invitation: { status: 'PENDING' }, userErrors: [] });
    const second = await invitationToken(email, 1);
    expect(second).not.toBe(first);
    expect((await cell.gql(ACCEPT, { input: { token: first, name: 'X', password: TEST_PASSWORD } })).data!.invitationAccept.userErrors).toEqual([
      { code: 'INVITATION_INVALID' },
    ]);
    const revoked = await cell.gql(
      'mutation($input: InvitationRevokeInput!) { invitationRevoke(input: $input) { invitation { status } } }',
      { input: { id: created.id } },
      owner.token,
    );
    expect(revoked.data!.invitationRevoke.invitation.status).toBe('REVOKED');
    expect((await cell.gql(ACCEPT, { input: { token: second, name: 'X', password: TEST_PASSWORD } })).data!.invitationAccept.userErrors).toEqual([
      { code: 'INVITATION_INVALID' },
    ]);
  });

  it('expire after 7 days', async () => {
    const owner = await cell.signUp('Patient');
    const email = unique('slow');
    await cell.gql(INVITE, { input: { email, role: 'MEMBER' } }, owner.token);
    const token = await invitationToken(email);
    await withClient(cell.database.url, (client) =>
      client.query(`UPDATE identity.invitations SET expires_at = now() - interval '1 second' WHERE email = $1`, [email]),
    );
    expect((await cell.gql(ACCEPT, { input: { token, name: 'Slow', password: TEST_PASSWORD } })).data!.invitationAccept.userErrors).toEqual([
      { code: 'INVITATION_INVALID' },
    ]);
    expect(
      (await cell.gql('{ organization { invitations(status: EXPIRED) { nodes { email } } } }', {}, owner.token)).data!.organization.invitations.nodes,
    ).toEqual([{ email }]);
  });
});

describe('roles and members', () => {
  it('lets owners and admins manage members within the role rules', async () => {
    const owner = await cell.signUp('Boss');
    const admin = await join(owner, unique('admin'), 'ADMIN');
    const member = await join(owner, unique('member'), 'MEMBER');
    const guest = await join(owner, unique('guest'), 'GUEST');
    const UPDATE = 'mutation($input: MembershipUpdateInput!) { membershipUpdate(input: $input) { membership { role } userErrors { code } } }';
    // An admin may not invite admins, nor promote to admin.
    expect((await cell.gql(INVITE, { input: { email: unique('x'), role: 'ADMIN' } }, admin.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(UPDATE, { input: { userId: member.userId, role: 'ADMIN' } }, admin.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(UPDATE, { input: { userId: member.userId, role: 'GUEST' } }, admin.token)).data!.membershipUpdate).toEqual({
      membership: { role: 'GUEST' },
      userErrors: [],
    });
    expect((await cell.gql(UPDATE, { input: { userId: member.userId, role: 'MEMBER' } }, member.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(UPDATE, { input: { userId: owner.userId, role: 'MEMBER' } }, admin.token)).data!.membershipUpdate.userErrors).toEqual([
      { code: 'MEMBERSHIP_OWNER_ROLE_FIXED' },
    ]);
    expect((await cell.gql(UPDATE, { input: { userId: member.userId, role: 'OWNER' } }, owner.token)).data!.membershipUpdate.userErrors).toEqual([
      { code: 'MEMBERSHIP_INVALID_ROLE' },
    ]);
    // Guests cannot list members; members can.
    expect((await cell.gql('{ organization { members { totalCount } } }', {}, guest.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql('{ organization { members { totalCount } } }', {}, owner.token)).data!.organization.members.totalCount).toBe(4);
    const events = await withClient(cell.database.url, async (client) =>
      (await client.query(`SELECT data FROM identity.outbox WHERE type = 'membership.role_changed'`)).rows.map((r) => r.data),
    );
    expect(events).toContainEqual({ before: { role: 'member' }, after: { role: 'guest' } });
  });

  it('removes members (their access ends at once) and lets members leave; the owner cannot leave', async () => {
    const owner = await cell.signUp('Remover');
    const member = await join(owner, unique('temp'), 'MEMBER');
    const DELETE = 'mutation($input: MembershipDeleteInput!) { membershipDelete(input: $input) { deletedUserId userErrors { code } } }';
    expect((await cell.gql('{ organization { members { totalCount } } }', {}, member.token)).data!.organization.members.totalCount).toBe(2);
    expect((await cell.gql(DELETE, { input: { userId: member.userId } }, owner.token)).data!.membershipDelete).toEqual({
      deletedUserId: member.userId,
      userErrors: [],
    });
    // The removed member's token is still valid, but grants nothing in the organization any more.
    await expect
      .poll(async () => (await cell.gql('{ organization { members { totalCount } } }', {}, member.token)).errors?.[0]?.extensions?.code, { timeout: 3_000 })
      .toBe('FORBIDDEN');
    expect((await cell.gql(DELETE, { input: { userId: owner.userId } }, owner.token)).data!.membershipDelete.userErrors).toEqual([
      { code: 'MEMBERSHIP_OWNER_CANNOT_LEAVE' },
    ]);
    const leaver = await join(owner, unique('leaver'), 'GUEST');
    expect((await cell.gql(DELETE, { input: { userId: leaver.userId } }, leaver.token)).data!.membershipDelete.userErrors).toEqual([]);
  });

  it('transfers ownership: the new owner owns, the former owner becomes an admin', async () => {
    const owner = await cell.signUp('Founder');
    const heir = await join(owner, unique('heir'), 'MEMBER');
    const TRANSFER =
      'mutation($input: OrganizationOwnershipTransferInput!) { organizationOwnershipTransfer(input: $input) { organization { name } userErrors { code } } }';
    expect((await cell.gql(TRANSFER, { input: { userId: owner.userId } }, heir.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(TRANSFER, { input: { userId: heir.userId } }, owner.token)).data!.organizationOwnershipTransfer.userErrors).toEqual([]);
    expect((await cell.gql('{ organization { viewerRole } }', {}, heir.token)).data!.organization.viewerRole).toBe('OWNER');
    expect((await cell.gql('{ organization { viewerRole } }', {}, owner.token)).data!.organization.viewerRole).toBe('ADMIN');
  });

  it('renames the organization (owners and admins only)', async () => {
    const owner = await cell.signUp('Renamer');
    const member = await join(owner, unique('m'), 'MEMBER');
    const RENAME = 'mutation($input: OrganizationUpdateInput!) { organizationUpdate(input: $input) { organization { name } userErrors { code field } } }';
    expect((await cell.gql(RENAME, { input: { name: 'Acme' } }, member.token)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await cell.gql(RENAME, { input: { name: '  ' } }, owner.token)).data!.organizationUpdate.userErrors).toEqual([
      { code: 'ORGANIZATION_INVALID_INPUT', field: ['input', 'name'] },
    ]);
    expect((await cell.gql(RENAME, { input: { name: 'Acme' } }, owner.token)).data!.organizationUpdate.organization.name).toBe('Acme');
  });
});

describe('teams', () => {
  it('are managed by admins and leads, hold members of the organization only, and go to the trash', async () => {
    const owner = await cell.signUp('Lead');
    const member = await join(owner, unique('dev'), 'MEMBER');
    const other = await join(owner, unique('dev2'), 'MEMBER');
    const stranger = await cell.signUp('Outsider');
    const team = (await cell.gql('mutation { teamCreate(input: { name: "Platform", description: "Infra" }) { team { id } } }', {}, owner.token)).data!
      .teamCreate.team;
    const duplicate = await cell.gql('mutation { teamCreate(input: { name: "platform" }) { userErrors { code } } }', {}, owner.token);
    expect(duplicate.errors).toBeUndefined();
    expect(duplicate.data!.teamCreate.userErrors).toEqual([{ code: 'TEAM_NAME_TAKEN' }]);
    expect((await cell.gql('mutation { teamCreate(input: { name: "Rogue" }) { userErrors { code } } }', {}, member.token)).errors![0]!.extensions!.code).toBe(
      'FORBIDDEN',
    );

    const ADD = 'mutation($input: TeamMemberAddInput!) { teamMemberAdd(input: $input) { teamMember { role user { email } } userErrors { code } } }';
    expect((await cell.gql(ADD, { input: { teamId: team.id, userId: stranger.userId } }, owner.token)).data!.teamMemberAdd.userErrors).toEqual([
      { code: 'TEAM_MEMBER_NOT_IN_ORGANIZATION' },
    ]);
    expect((await cell.gql(ADD, { input: { teamId: team.id, userId: member.userId, role: 'LEAD' } }, owner.token)).data!.teamMemberAdd.teamMember).toEqual({
      role: 'LEAD',
      user: { email: member.email },
    });
    // The lead manages the team's members.
    expect((await cell.gql(ADD, { input: { teamId: team.id, userId: other.userId } }, member.token)).data!.teamMemberAdd.userErrors).toEqual([]);
    const view = await cell.gql(
      'query($id: ID!) { team(id: $id) { name description members { totalCount nodes { role user { email } } } } }',
      { id: team.id },
      other.token,
    );
    expect(view.data!.team).toEqual({
      name: 'Platform',
      description: 'Infra',
      members: {
        totalCount: 2,
        nodes: [
          { role: 'LEAD', user: { email: member.email } },
          { role: 'MEMBER', user: { email: other.email } },
        ],
      },
    });
    expect(
      (
        await cell.gql(
          'mutation($input: TeamMemberRemoveInput!) { teamMemberRemove(input: $input) { userErrors { code } } }',
          { input: { teamId: team.id, userId: other.userId } },
          other.token,
        )
      ).errors![0]!.extensions!.code,
    ).toBe('FORBIDDEN');

    const deleted = await cell.gql(
      'mutation($input: TeamDeleteInput!) { teamDelete(input: $input) { deletedTeamId } }',
      { input: { id: team.id } },
      owner.token,
    );
    expect(deleted.data!.teamDelete.deletedTeamId).toBe(team.id);
    expect((await cell.gql('query($id: ID!) { team(id: $id) { id } }', { id: team.id }, owner.token)).data!.team).toBeNull();
    const restored = await cell.gql(
      'mutation($input: TeamRestoreInput!) { teamRestore(input: $input) { team { members { totalCount } } } }',
      { input: { id: team.id } },
      owner.token,
    );
    expect(restored.data!.teamRestore.team.members.totalCount).toBe(2);
  });
});
