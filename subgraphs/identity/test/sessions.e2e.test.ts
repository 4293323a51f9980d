import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessTokenIssuer, generateSigningKeyPair, readSentEmails, uuidv7 } from '@cellgraph/kernel';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell } from '../../../scripts/testing/cell-harness.js';

const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) {
  session { accessToken refreshToken organization { id } } mfaChallenge { challengeToken } userErrors { code field message } } }`;
const REFRESH = `mutation($input: SessionRefreshInput!) { sessionRefresh(input: $input) { session { accessToken refreshToken } userErrors { code } } }`;
const NEW_PASSWORD = 'A-brand-new-passw0rd';

let cell: TestCell;
const logDir = mkdtempSync(join(tmpdir(), 'cellgraph-logs-'));
const logFile = join(logDir, 'cell.log');

beforeAll(async () => {
  cell = await startTestCell({ env: { LOGIN_ATTEMPTS_PER_WINDOW: '10', LOG_LEVEL: 'debug', LOG_FILE: logFile } });
});
afterAll(async () => {
  await cell?.stop();
  rmSync(logDir, { recursive: true, force: true });
});

const signIn = async (email: string, password: string) => (await cell.gql(SIGN_IN, { input: { email, password } })).data!.sessionCreate;
const me = async (token: string) => cell.gql('{ me { email } }', {}, token);
const expectSignedOut = async (token: string) => {
  const result = await me(token);
  expect(result.status).toBe(401);
  expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
};
const outboxTypes = (userId?: string) =>
  withClient(cell.database.url, async (client) =>
    (
      await client.query(
        `SELECT type FROM identity.outbox ${userId ? `WHERE actor_id = $1` : ''} ORDER BY occurred_at`,
        userId ? [Buffer.from(userId, 'base64url').toString().split(':')[1]] : [],
      )
    ).rows.map((r) => r.type as string),
  );

describe('refresh tokens', () => {
  it('rotate on every use: the new pair works, the old refresh token does not', async () => {
    const user = await cell.signUp('Rotate');
    const first = (await cell.gql(REFRESH, { input: { refreshToken: user.refreshToken } })).data!.sessionRefresh;
    expect(first.userErrors).toEqual([]);
    expect(first.session.refreshToken).not.toBe(user.refreshToken);
    expect((await me(first.session.accessToken)).data!.me.email).toBe(user.email);
    const second = (await cell.gql(REFRESH, { input: { refreshToken: first.session.refreshToken } })).data!.sessionRefresh;
    expect(second.userErrors).toEqual([]);
  });

  it('revoke every session of the user when a rotated token is presented again', async () => {
    const user = await cell.signUp('Reuse');
    const other = await signIn(user.email, user.password); // a second device
    const rotated = (await cell.gql(REFRESH, { input: { refreshToken: user.refreshToken } })).data!.sessionRefresh.session;
    const reuse = (await cell.gql(REFRESH, { input: { refreshToken: user.refreshToken } })).data!.sessionRefresh;
    expect(reuse.userErrors).toEqual([{ code: 'IDENTITY_INVALID_REFRESH_TOKEN' }]);
    await expectSignedOut(rotated.accessToken);
    await expectSignedOut(other.session.accessToken);
    for (const token of [rotated.refreshToken, other.session.refreshToken]) {
      expect((await cell.gql(REFRESH, { input: { refreshToken: token } })).data!.sessionRefresh.userErrors[0].code).toBe('IDENTITY_INVALID_REFRESH_TOKEN');
    }
    expect(await outboxTypes(user.userId)).toContain('session.refresh_token_reused');
    // Signing in again works.
    expect((await signIn(user.email, user.password)).session).not.toBeNull();
  });

  it('refuses garbage', async () => {
    expect((await cell.gql(REFRESH, { input: { refreshToken: 'cgr_nonsense' } })).data!.sessionRefresh.userErrors[0].code).toBe(
      'IDENTITY_INVALID_REFRESH_TOKEN',
    );
  });
});

describe('signing out', () => {
  it('revokes this session’s access and refresh tokens, and only this session', async () => {
    const user = await cell.signUp('Logout');
    const other = (await signIn(user.email, user.password)).session;
    const result = await cell.gql('mutation { sessionRevoke { revokedSessionCount userErrors { code } } }', {}, user.token);
    expect(result.data!.sessionRevoke).toEqual({ revokedSessionCount: 1, userErrors: [] });
    await expectSignedOut(user.token);
    expect((await cell.gql(REFRESH, { input: { refreshToken: user.refreshToken } })).data!.sessionRefresh.userErrors[0].code).toBe(
      'IDENTITY_INVALID_REFRESH_TOKEN',
    );
    expect((await me(other.accessToken)).data!.me.email).toBe(user.email);
  });

  it('everywhere at once', async () => {
    const user = await cell.signUp('Everywhere');
    const other = (await signIn(user.email, user.password)).session;
    const result = await cell.gql('mutation { sessionRevokeAll { revokedSessionCount } }', {}, user.token);
    expect(result.data!.sessionRevokeAll.revokedSessionCount).toBe(2);
    await expectSignedOut(user.token);
    await expectSignedOut(other.accessToken);
    // A session opened afterwards is unaffected.
    const fresh = (await signIn(user.email, user.password)).session;
    expect((await me(fresh.accessToken)).data!.me.email).toBe(user.email);
  });
});

describe('sign-in protection', () => {
  it('locks an e-mail for 15 minutes after 5 wrong passwords, even for the right password', async () => {
    const user = await cell.signUp('Locked');
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, 'Wrong-password-1!')).userErrors[0].code).toBe('IDENTITY_INVALID_CREDENTIALS');
    const locked = await signIn(user.email, user.password);
    expect(locked.session).toBeNull();
    expect(locked.userErrors[0]).toMatchObject({ code: 'IDENTITY_ACCOUNT_LOCKED' });
    expect(locked.userErrors[0].message).toMatch(/locked for 1[45] more minutes/);
    const events = await outboxTypes(user.userId);
    expect(events.filter((type) => type === 'user.sign_in_failed')).toHaveLength(5);
    expect(events).toContain('user.locked_out');
    // Unknown e-mails lock the same way: the answer reveals nothing.
    for (let i = 0; i < 5; i++) await signIn('nobody-here@example.test', 'Wrong-password-1!');
    expect((await signIn('nobody-here@example.test', 'Wrong-password-1!')).userErrors[0].code).toBe('IDENTITY_ACCOUNT_LOCKED');
  });

  it('rate-limits attempts per e-mail with a RATE_LIMITED error', async () => {
    const user = await cell.signUp('Limited');
    for (let i = 0; i < 10; i++) {
      const result = await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
      expect(result.errors).toBeUndefined();
    }
    const limited = await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
    expect(limited.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });
});

describe('organizations of a session', () => {
  it('switches the organization a session acts in; the token carries it', async () => {
    const user = await cell.signUp('Switcher');
    const created = await cell.gql(
      'mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id name } userErrors { code } } }',
      { input: { name: 'Second Co' } },
      user.token,
    );
    const second = created.data!.organizationCreate.organization;
    const switched = await cell.gql(
      'mutation($input: SessionSwitchOrganizationInput!) { sessionSwitchOrganization(input: $input) { session { accessToken refreshToken organization { name } } userErrors { code } } }',
      { input: { organizationId: second.id } },
      user.token,
    );
    expect(switched.data!.sessionSwitchOrganization.session).toMatchObject({ refreshToken: null, organization: { name: 'Second Co' } });
    const token = switched.data!.sessionSwitchOrganization.session.accessToken;
    expect((await cell.gql('{ organization { name } me { memberships { role organization { name } } } }', {}, token)).data).toEqual({
      organization: { name: 'Second Co' },
      me: {
        memberships: [
          { role: 'OWNER', organization: { name: "Switcher's workspace" } },
          { role: 'OWNER', organization: { name: 'Second Co' } },
        ],
      },
    });
    const stranger = await cell.signUp('Stranger');
    const refused = await cell.gql(
      'mutation($input: SessionSwitchOrganizationInput!) { sessionSwitchOrganization(input: $input) { userErrors { code } } }',
      { input: { organizationId: stranger.organizationId } },
      user.token,
    );
    expect(refused.data!.sessionSwitchOrganization.userErrors).toEqual([{ code: 'IDENTITY_NOT_A_MEMBER' }]);
  });
});

describe('passwords', () => {
  const REQUEST = 'mutation($input: PasswordResetRequestInput!) { passwordResetRequest(input: $input) { userErrors { code } } }';
  const RESET = 'mutation($input: PasswordResetInput!) { passwordReset(input: $input) { userErrors { code field } } }';

  const resetToken = async (email: string) => (await waitForEmail(cell, email, { subject: 'Reset' })).token;

  it('resets with a one-hour, single-use e-mailed token and signs every session out', async () => {
    const user = await cell.signUp('Forgetful');
    const known = await cell.gql(REQUEST, { input: { email: user.email } });
    const unknown = await cell.gql(REQUEST, { input: { email: 'no-account@example.test' } });
    expect(known.data).toEqual(unknown.data);
    expect(known.data!.passwordResetRequest).toEqual({ userErrors: [] });
    const token = await resetToken(user.email);
    expect(readSentEmails(cell.emailDir).some((m) => m.to === 'no-account@example.test')).toBe(false);

    const weak = await cell.gql(RESET, { input: { token, password: 'weak' } });
    expect(weak.data!.passwordReset.userErrors[0]).toMatchObject({ code: 'IDENTITY_INVALID_INPUT', field: ['input', 'password'] });
    expect((await cell.gql(RESET, { input: { token, password: NEW_PASSWORD } })).data!.passwordReset.userErrors).toEqual([]);
    await expectSignedOut(user.token);
    expect((await signIn(user.email, user.password)).userErrors[0].code).toBe('IDENTITY_INVALID_CREDENTIALS');
    expect((await signIn(user.email, NEW_PASSWORD)).session).not.toBeNull();
    expect((await cell.gql(RESET, { input: { token, password: 'Another-passw0rd!' } })).data!.passwordReset.userErrors[0].code).toBe(
      'IDENTITY_INVALID_RESET_TOKEN',
    );
  });

  it('refuses an expired reset token', async () => {
    const user = await cell.signUp('Late');
    await cell.gql(REQUEST, { input: { email: user.email } });
    const token = await resetToken(user.email);
    await withClient(cell.database.url, (client) => client.query(`UPDATE identity.password_resets SET expires_at = now() - interval '1 second'`));
    expect((await cell.gql(RESET, { input: { token, password: NEW_PASSWORD } })).data!.passwordReset.userErrors[0].code).toBe('IDENTITY_INVALID_RESET_TOKEN');
  });

  it('changes the password with the current one; other sessions are signed out, this one stays', async () => {
    const user = await cell.signUp('Changer');
    const other = (await signIn(user.email, user.password)).session;
    const CHANGE = 'mutation($input: PasswordChangeInput!) { passwordChange(input: $input) { userErrors { code field } } }';
    const wrong = await cell.gql(CHANGE, { input: { currentPassword: 'Not-the-passw0rd', newPassword: NEW_PASSWORD } }, user.token);
    expect(wrong.data!.passwordChange.userErrors).toEqual([{ code: 'IDENTITY_WRONG_PASSWORD', field: ['input', 'currentPassword'] }]);
    expect(
      (await cell.gql(CHANGE, { input: { currentPassword: user.password, newPassword: NEW_PASSWORD } }, user.token)).data!.passwordChange.userErrors,
    ).toEqual([]);
    expect((await me(user.token)).data!.me.email).toBe(user.email);
    await expectSignedOut(other.accessToken);
    expect((await signIn(user.email, NEW_PASSWORD)).session).not.toBeNull();
  });
});

describe('deactivation', () => {
  it('ends every session and sign-in; an owner with members must hand over first', async () => {
    const user = await cell.signUp('Leaving');
    const DEACTIVATE = 'mutation($input: AccountDeactivateInput!) { accountDeactivate(input: $input) { userErrors { code } } }';
    expect((await cell.gql(DEACTIVATE, { input: { password: 'Wrong-passw0rd!' } }, user.token)).data!.accountDeactivate.userErrors).toEqual([
      { code: 'IDENTITY_WRONG_PASSWORD' },
    ]);
    await withClient(cell.database.url, async (client) => {
      const orgId = Buffer.from(user.organizationId, 'base64url').toString().split(':')[1];
      const other = uuidv7();
      await client.query(`INSERT INTO identity.users (id, email, name, password_hash) VALUES ($1, $2, 'Other', 'x')`, [other, `other-${other}@example.test`]);
      await client.query(`INSERT INTO identity.memberships (org_id, user_id, role) VALUES ($1, $2, 'member')`, [orgId, other]);
    });
    expect((await cell.gql(DEACTIVATE, { input: { password: user.password } }, user.token)).data!.accountDeactivate.userErrors).toEqual([
      { code: 'IDENTITY_SOLE_OWNER' },
    ]);

    const loner = await cell.signUp('Loner');
    expect((await cell.gql(DEACTIVATE, { input: { password: loner.password } }, loner.token)).data!.accountDeactivate.userErrors).toEqual([]);
    await expectSignedOut(loner.token);
    expect((await signIn(loner.email, loner.password)).userErrors[0].code).toBe('IDENTITY_INVALID_CREDENTIALS');
  });
});

describe('access-token keys', () => {
  it('are published, and a rotated-out key still verifies the tokens it signed', async () => {
    const base = cell.gatewayUrl.replace(/\/graphql$/, '');
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([cell.keys.auth.privateJwk.kid]);
    expect(jwks.keys.every((key) => key.d === undefined)).toBe(true);

    const previous = await generateSigningKeyPair();
    const rotated = await startTestCell({ env: { AUTH_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ keys: [previous.publicJwk] }) } });
    try {
      const user = await rotated.signUp('Rotated');
      const { userId, organizationId } = user;
      const uuid = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;
      const oldToken = await (
        await AccessTokenIssuer.create(previous.privateJwk, 600)
      ).issue({ userId: uuid(userId), orgId: uuid(organizationId), sessionId: null, generation: 0 });
      expect((await rotated.gql('{ me { email } }', {}, oldToken.token)).data!.me.email).toBe(user.email);
      const stranger = await generateSigningKeyPair();
      const strangerToken = await (
        await AccessTokenIssuer.create(stranger.privateJwk, 600)
      ).issue({ userId: uuid(userId), orgId: null, sessionId: null, generation: 0 });
      expect((await rotated.gql('{ me { email } }', {}, strangerToken.token)).status).toBe(401);
    } finally {
      await rotated.stop();
    }
  });
});

describe('logs', () => {
  it('never contain a password, a token or a key handed to a client', async () => {
    const user = await cell.signUp('Audited');
    const refreshed = (await cell.gql(REFRESH, { input: { refreshToken: user.refreshToken } })).data!.sessionRefresh.session;
    const log = readFileSync(logFile, 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    for (const secret of [TEST_PASSWORD, NEW_PASSWORD, user.refreshToken, refreshed.refreshToken, user.token.split('.')[2]!]) {
      expect(log.includes(secret)).toBe(false);
    }
  });
});
