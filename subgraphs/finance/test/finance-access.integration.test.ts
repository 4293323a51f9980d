import { fromGlobalId } from '@cellgraph/kernel';
import { outboxEvents } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

/*
 * Finance is a restricted module: owners and admins see and change every invoice; members and
 * guests only with a finance module grant (identity's moduleAccessGrant, to them or a team of
 * theirs) or a grant on a single invoice. Through the gateway of cell `billing`; grants reach
 * finance's cached policies through Redis, so each change is awaited as a condition.
 */

/** The one place invoices are created in this file: a draft to the organization's customer, `memo` naming it. */
async function createInvoice(user: TestUser, memo: string): Promise<{ id: string; errors?: unknown[]; code?: string }> {
  const result = await cell.gql(
    'mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } userErrors { code } } }',
    { input: { contactId: customer, memo, lines: [{ description: memo, quantity: '1', unitPrice: '10.00' }] } },
    user.token,
  );
  return { id: result.data?.invoiceCreate?.invoice?.id, errors: result.errors, code: result.errors?.[0]?.extensions?.code as string | undefined };
}

let cell: TestCell;
let customer: string;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let teamMember: TestUser;
let guest: TestUser;
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

const grant = async (subjectId: string, relation: string, as = owner) =>
  (
    await cell.gql(
      'mutation($input: ModuleAccessGrantInput!) { moduleAccessGrant(input: $input) { grant { module relation subject { __typename ... on User { id } ... on Team { id } } } userErrors { code field } } }',
      { input: { module: 'finance', subjectId, relation } },
      as.token,
    )
  ).data?.moduleAccessGrant;
const revoke = async (subjectId: string, module = 'finance') =>
  (
    await cell.gql(
      'mutation($input: ModuleAccessRevokeInput!) { moduleAccessRevoke(input: $input) { userErrors { code field } } }',
      { input: { module, subjectId } },
      owner.token,
    )
  ).data!.moduleAccessRevoke.userErrors;
const invoiceCount = async (user: TestUser) => (await cell.gql('{ invoices { totalCount } }', {}, user.token)).data!.invoices.totalCount as number;
const readInvoice = (user: TestUser, id: string) => cell.gql('query($id: ID!) { invoice(id: $id) { id memo } }', { id }, user.token);
const updateInvoice = (user: TestUser, id: string, memo: string) =>
  cell.gql(
    'mutation($input: InvoiceUpdateInput!) { invoiceUpdate(input: $input) { invoice { memo } userErrors { code } } }',
    { input: { id, memo } },
    user.token,
  );
/** Waits until the caller's view of finance reflects a policy change (it travels through Redis). */
const eventually = (check: () => Promise<unknown>, expected: unknown) => expect.poll(check, { timeout: 10_000, interval: 50 }).toEqual(expected);

beforeAll(async () => {
  cell = await startTestCell({ cell: 'billing' });
  owner = await cell.signUp('Owner');
  customer = (await cell.gql('mutation { contactCreate(input: { firstName: "Customer" }) { contact { id } } }', {}, owner.token)).data!.contactCreate.contact
    .id;
  [admin, member, teamMember, guest] = await Promise.all([
    joinAs('admin@finance-access.test', 'ADMIN'),
    joinAs('member@finance-access.test', 'MEMBER'),
    joinAs('team-member@finance-access.test', 'MEMBER'),
    joinAs('guest@finance-access.test', 'GUEST'),
  ]);
  team = (await cell.gql('mutation { teamCreate(input: { name: "Accounting" }) { team { id } } }', {}, owner.token)).data!.teamCreate.team.id;
  await cell.gql(
    'mutation($input: TeamMemberAddInput!) { teamMemberAdd(input: $input) { userErrors { code } } }',
    { input: { teamId: team, userId: teamMember.userId } },
    owner.token,
  );
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

describe('finance access', () => {
  it('shows a member without finance rights no invoice: lists are empty, reads and references denied, writes refused', async () => {
    const invoice = await createInvoice(owner, 'Confidential');
    expect(invoice.errors).toBeUndefined();
    for (const user of [member, guest]) {
      expect(await invoiceCount(user)).toBe(0);
      const read = await readInvoice(user, invoice.id);
      expect(read.data!.invoice).toBeNull();
      expect(read.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      // node(id:) resolves the Invoice through finance's _entities: null with an error, as any denied reference.
      const node = await cell.gql('query($id: ID!) { node(id: $id) { id } }', { id: invoice.id }, user.token);
      expect(node.data!.node).toBeNull();
      expect(node.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect((await createInvoice(user, 'Sneaky')).code).toBe('FORBIDDEN');
      // Existence is not confirmed to who cannot read it.
      expect((await updateInvoice(user, invoice.id, 'Changed')).data!.invoiceUpdate.userErrors).toEqual([{ code: 'INVOICE_NOT_FOUND' }]);
      // Other modules judge the invoice alike: no comment on what one cannot see.
      const comment = await cell.gql(
        'mutation($input: CommentCreateInput!) { commentCreate(input: $input) { comment { id } userErrors { code } } }',
        { input: { nodeId: invoice.id, body: 'Peek' } },
        user.token,
      );
      expect(comment.data?.commentCreate?.comment ?? null).toBeNull();
    }
  });

  it('notifies of an invoice only who may read it (a mention in a comment on it)', async () => {
    const invoice = await createInvoice(owner, 'Discussed');
    const commented = await cell.gql(
      'mutation($input: CommentCreateInput!) { commentCreate(input: $input) { userErrors { code } } }',
      { input: { nodeId: invoice.id, body: `<@${admin.userId}> <@${member.userId}> have a look` } },
      owner.token,
    );
    expect(commented.data!.commentCreate.userErrors).toEqual([]);
    await waitUntilSettled(cell);
    const aboutInvoice = async (user: TestUser) =>
      ((await cell.gql('{ notifications { nodes { subjectId } } }', {}, user.token)).data!.notifications.nodes as { subjectId: string | null }[]).filter(
        (notification) => notification.subjectId === invoice.id,
      ).length;
    expect(await aboutInvoice(admin)).toBe(1);
    expect(await aboutInvoice(member)).toBe(0);
  });

  it('lets owners and admins always read and write invoices', async () => {
    for (const user of [owner, admin]) {
      const invoice = await createInvoice(user, `By ${user.email}`);
      expect(invoice.errors).toBeUndefined();
      expect((await readInvoice(user, invoice.id)).data!.invoice).toEqual({ id: invoice.id, memo: `By ${user.email}` });
      expect((await updateInvoice(user, invoice.id, 'Renamed')).data!.invoiceUpdate).toEqual({ invoice: { memo: 'Renamed' }, userErrors: [] });
      expect(await invoiceCount(user)).toBeGreaterThan(0);
    }
  });

  it('lets a viewer module grant read but not write, an editor grant write, and a revocation take effect', async () => {
    const invoice = await createInvoice(owner, 'Granted');
    expect(await grant(member.userId, 'VIEWER')).toEqual({
      grant: { module: 'finance', relation: 'VIEWER', subject: { __typename: 'User', id: member.userId } },
      userErrors: [],
    });
    await eventually(async () => (await readInvoice(member, invoice.id)).data!.invoice, { id: invoice.id, memo: 'Granted' });
    expect(await invoiceCount(member)).toBe(await invoiceCount(owner));
    expect((await createInvoice(member, 'Not yet')).code).toBe('FORBIDDEN');
    expect((await updateInvoice(member, invoice.id, 'Not yet')).errors![0]!.extensions!.code).toBe('FORBIDDEN');

    expect((await grant(member.userId, 'EDITOR'))!.userErrors).toEqual([]);
    await eventually(async () => (await createInvoice(member, 'By the member')).errors, undefined);
    expect((await updateInvoice(member, invoice.id, 'Edited')).data!.invoiceUpdate).toEqual({ invoice: { memo: 'Edited' }, userErrors: [] });

    const access = await cell.gql('{ viewerAccess { modules { module relation viaTeam { id } } } }', {}, member.token);
    expect(access.data!.viewerAccess.modules).toEqual([{ module: 'finance', relation: 'EDITOR', viaTeam: null }]);

    expect(await revoke(member.userId)).toEqual([]);
    await eventually(() => invoiceCount(member), 0);
    expect((await readInvoice(member, invoice.id)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await revoke(member.userId)).toEqual([{ code: 'PERMISSION_NOT_FOUND', field: ['input', 'subjectId'] }]);
  });

  it('opens finance to the members of a granted team', async () => {
    const invoice = await createInvoice(owner, 'For the team');
    expect((await grant(team, 'VIEWER'))!.grant.subject).toEqual({ __typename: 'Team', id: team });
    await eventually(async () => (await readInvoice(teamMember, invoice.id)).data!.invoice, { id: invoice.id, memo: 'For the team' });
    expect((await createInvoice(teamMember, 'Viewer only')).code).toBe('FORBIDDEN');
    const access = await cell.gql('{ viewerAccess { modules { module relation viaTeam { id } } } }', {}, teamMember.token);
    expect(access.data!.viewerAccess.modules).toEqual([{ module: 'finance', relation: 'VIEWER', viaTeam: { id: team } }]);
    // Who is outside the team still sees nothing.
    expect(await invoiceCount(guest)).toBe(0);
    const grants = await cell.gql('{ moduleGrants(module: "finance") { relation subject { ... on Team { id } } } }', {}, admin.token);
    expect(grants.data!.moduleGrants).toContainEqual({ relation: 'VIEWER', subject: { id: team } });
    expect(await revoke(team)).toEqual([]);
    await eventually(() => invoiceCount(teamMember), 0);
  });

  it('lets a single invoice be shared with a member without opening the module', async () => {
    const [shared, other] = [await createInvoice(owner, 'Shared'), await createInvoice(owner, 'Other')];
    const shareResult = await cell.gql(
      'mutation($input: PermissionGrantInput!) { permissionGrant(input: $input) { userErrors { code } } }',
      { input: { objectId: shared.id, subjectId: guest.userId, relation: 'VIEWER' } },
      owner.token,
    );
    expect(shareResult.data!.permissionGrant.userErrors).toEqual([]);
    await eventually(async () => (await cell.gql('{ invoices { nodes { id } } }', {}, guest.token)).data!.invoices.nodes, [{ id: shared.id }]);
    expect((await readInvoice(guest, other.id)).data!.invoice).toBeNull();
    // The audit view of the invoice: owners' and admins' standing rights only, members' stop at the module.
    const audit = await cell.gql(
      'query($id: ID!) { objectPermissions(objectId: $id) { relation source subject { ... on RoleSubject { role } } } }',
      { id: shared.id },
      owner.token,
    );
    const roles = audit
      .data!.objectPermissions.filter((entry: { source: string }) => entry.source === 'ROLE')
      .map((entry: { subject: { role: string } }) => entry.subject.role);
    expect(roles).toEqual(['OWNER', 'ADMIN']);
  });

  it('lets only owners and admins manage module access, for the cell’s restricted modules, each change recorded', async () => {
    expect((await cell.gql('{ restrictedModules }', {}, member.token)).data!.restrictedModules).toEqual(['finance']);
    const unknown = await cell.gql(
      'mutation { moduleAccessGrant(input: { module: "tasks", subjectId: "x", relation: VIEWER }) { userErrors { code field } } }',
      {},
      owner.token,
    );
    expect(unknown.data!.moduleAccessGrant.userErrors).toEqual([{ code: 'PERMISSION_MODULE_UNKNOWN', field: ['input', 'module'] }]);
    expect(await revoke(member.userId, 'crm')).toEqual([{ code: 'PERMISSION_MODULE_UNKNOWN', field: ['input', 'module'] }]);
    expect((await grant(member.userId, 'EDITOR', owner))!.userErrors).toEqual([]);
    expect((await grant(guest.userId, 'OWNER', admin))!.userErrors).toEqual([]);
    expect(await grant(guest.userId, 'OWNER', member)).toBeNull();
    const byMember = await cell.gql('{ moduleGrants(module: "finance") { relation } }', {}, member.token);
    expect(byMember.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const badModule = await cell.gql('{ moduleGrants(module: "nope") { relation } }', {}, owner.token);
    expect(badModule.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // A key never manages access, whatever its scopes.
    const created = await cell.gql('mutation { apiKeyCreate(input: { name: "Admin key", scopes: ["organization:write"] }) { plainKey } }', {}, owner.token);
    const byKey = await cell.gql(
      'mutation($input: ModuleAccessGrantInput!) { moduleAccessGrant(input: $input) { userErrors { code } } }',
      { input: { module: 'finance', subjectId: member.userId, relation: 'VIEWER' } },
      created.data!.apiKeyCreate.plainKey,
    );
    expect(byKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const events = await outboxEvents(cell.database.url, 'identity', fromGlobalId('Organization', owner.organizationId));
    const moduleEvents = events.filter((event) => event.type.startsWith('permission.module_'));
    expect(moduleEvents.map((event) => event.type)).toContain('permission.module_revoked');
    expect(moduleEvents.at(-1)).toMatchObject({
      type: 'permission.module_granted',
      data: { module: 'finance', subject: `user:${fromGlobalId('User', guest.userId)}`, relation: 'owner' },
    });
  });

  it('lets an API key act within its finance scopes, as before', async () => {
    const invoice = await createInvoice(owner, 'Keyed');
    const key = async (scopes: string[]) =>
      (await cell.gql('mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey } }', { input: { name: 'Key', scopes } }, owner.token))
        .data!.apiKeyCreate.plainKey as string;
    const reader = await key(['finance:read']);
    expect((await cell.gql('query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id }, reader)).data!.invoice).toEqual({ id: invoice.id });
    const byKey = { input: { contactId: customer, memo: 'By key' } };
    const refused = await cell.gql('mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } } }', byKey, reader);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'finance:write' });
    // Billing a contact means reading it: a writing key needs the CRM's read scope too.
    const writer = await key(['finance:write', 'crm:read']);
    const written = await cell.gql(
      'mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { memo } userErrors { code } } }',
      byKey,
      writer,
    );
    expect(written.data!.invoiceCreate).toEqual({ invoice: { memo: 'By key' }, userErrors: [] });
    const blind = await key(['finance:write']);
    const unseen = await cell.gql(
      'mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } userErrors { code } } }',
      byKey,
      blind,
    );
    expect(unseen.data!.invoiceCreate).toEqual({ invoice: null, userErrors: [{ code: 'INVOICE_CONTACT_NOT_FOUND' }] });
  });
});
