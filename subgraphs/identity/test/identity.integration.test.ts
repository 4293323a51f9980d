import { AccessTokenVerifier, generateEncryptionKey, generateSigningKeyPair, INTERNAL_CONTEXT_HEADER, toGlobalId } from '@cellgraph/kernel';
import { createTestDatabase, startTestSubgraphs, userPrincipal, type SubgraphHarness, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySubgraph } from '../src/index.js';

const PASSWORD = 'Sufficiently-long-9';
const REGISTER = `mutation($input: UserRegisterInput!) {
  userRegister(input: $input) {
    session { accessToken expiresAt user { id email name } organization { id name slug } }
    userErrors { code field message }
  }
}`;
const SIGN_IN = `mutation($input: SessionCreateInput!) {
  sessionCreate(input: $input) {
    session { accessToken user { id } organization { id } }
    userErrors { code field message }
  }
}`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

let database: TestDatabase;
let harness: SubgraphHarness;
let tokens: AccessTokenVerifier;

interface Account {
  userId: string;
  orgId: string;
  email: string;
  token: string;
}

async function register(name: string, extra: Record<string, unknown> = {}): Promise<Account> {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const result = await harness.request('identity', REGISTER, { input: { email, name, password: PASSWORD, ...extra } });
  const session = result.data!.userRegister.session;
  expect(result.data!.userRegister.userErrors).toEqual([]);
  return { userId: uuidOf(session.user.id), orgId: uuidOf(session.organization.id), email, token: session.accessToken };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  tokens = new AccessTokenVerifier({ keys: [publicJwk] });
  harness = await startTestSubgraphs([identitySubgraph], {
    databaseUrl: database.url,
    env: { AUTH_SIGNING_KEY: JSON.stringify(privateJwk), IDENTITY_ENCRYPTION_KEY: generateEncryptionKey() },
  });
});

afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

describe('registration', () => {
  it('creates the user, a personal organization and an owner membership, and signs in', async () => {
    const email = `Ada.${Date.now()}@Example.test`;
    const result = await harness.request('identity', REGISTER, { input: { email: `  ${email} `, name: ' Ada ', password: PASSWORD } });
    const { session, userErrors } = result.data!.userRegister;
    expect(userErrors).toEqual([]);
    expect(session.user.email).toBe(email.toLowerCase());
    expect(session.user.name).toBe('Ada');
    expect(session.organization.name).toBe("Ada's workspace");
    expect(session.organization.slug).toMatch(/^ada-s-workspace-[0-9a-f]{8}$/);
    const claims = await tokens.verify(session.accessToken);
    expect(claims).toMatchObject({ userId: uuidOf(session.user.id), orgId: uuidOf(session.organization.id), generation: 0 });
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

    const me = await harness.request(
      'identity',
      '{ me { email } organization { name members { totalCount nodes { role user { email } } } } }',
      {},
      userPrincipal(claims.userId, claims.orgId),
    );
    expect(me.data).toEqual({
      me: { email: email.toLowerCase() },
      organization: { name: "Ada's workspace", members: { totalCount: 1, nodes: [{ role: 'OWNER', user: { email: email.toLowerCase() } }] } },
    });
  });

  it('refuses a weak password with field-level user errors and writes nothing', async () => {
    const email = `weak-${Date.now()}@example.test`;
    const result = await harness.request('identity', REGISTER, { input: { email, name: 'Weak', password: 'short' } });
    expect(result.data!.userRegister.session).toBeNull();
    const errors = result.data!.userRegister.userErrors;
    expect(errors.map((e: { field: string[] }) => e.field)).toEqual(expect.arrayContaining([['input', 'password']]));
    expect(errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([
        'Password must be at least 12 characters long',
        'Password must contain an upper-case letter',
        'Password must contain a digit',
        'Password must contain a special character',
      ]),
    );
    expect(errors.every((e: { code: string }) => e.code === 'IDENTITY_INVALID_INPUT')).toBe(true);
    const signIn = await harness.request('identity', SIGN_IN, { input: { email, password: 'short' } });
    expect(signIn.data!.sessionCreate.userErrors[0].code).toBe('IDENTITY_INVALID_CREDENTIALS');
  });

  it('refuses an invalid e-mail and a taken e-mail', async () => {
    const invalid = await harness.request('identity', REGISTER, { input: { email: 'not-an-email', name: 'X', password: PASSWORD } });
    expect(invalid.data!.userRegister.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_INPUT', field: ['input', 'email'], message: 'Enter a valid e-mail address' },
    ]);
    const account = await register('Taken');
    const again = await harness.request('identity', REGISTER, { input: { email: account.email.toUpperCase(), name: 'Other', password: PASSWORD } });
    expect(again.data!.userRegister).toEqual({
      session: null,
      userErrors: [{ code: 'IDENTITY_EMAIL_TAKEN', field: ['input', 'email'], message: 'An account with this e-mail already exists' }],
    });
  });

  it('stores only an Argon2id hash of the password', async () => {
    const account = await register('Hashed');
    const { withClient } = await import('@cellgraph/kernel/testing');
    const hash = await withClient(
      database.url,
      async (client) => (await client.query('SELECT password_hash FROM identity.users WHERE id = $1', [account.userId])).rows[0].password_hash as string,
    );
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain(PASSWORD);
  });
});

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively on the e-mail', async () => {
    const account = await register('Grace');
    const result = await harness.request('identity', SIGN_IN, { input: { email: account.email.toUpperCase(), password: PASSWORD } });
    const { session, userErrors } = result.data!.sessionCreate;
    expect(userErrors).toEqual([]);
    expect(await tokens.verify(session.accessToken)).toMatchObject({ userId: account.userId, orgId: account.orgId });
  });

  it('gives the same answer for a wrong password and an unknown e-mail', async () => {
    const account = await register('Alan');
    const wrong = await harness.request('identity', SIGN_IN, { input: { email: account.email, password: `${PASSWORD}x` } });
    const unknown = await harness.request('identity', SIGN_IN, { input: { email: 'nobody@example.test', password: PASSWORD } });
    expect(wrong.data).toEqual(unknown.data);
    expect(wrong.data!.sessionCreate).toEqual({
      session: null,
      userErrors: [{ code: 'IDENTITY_INVALID_CREDENTIALS', field: null, message: 'E-mail or password is incorrect' }],
    });
  });

  it('refuses to open a session in an organization the user does not belong to', async () => {
    const alice = await register('Alice');
    const bob = await register('Bob');
    const result = await harness.request('identity', SIGN_IN, {
      input: { email: alice.email, password: PASSWORD, organizationId: toGlobalId('Organization', bob.orgId) },
    });
    expect(result.data!.sessionCreate.userErrors[0].code).toBe('IDENTITY_NOT_A_MEMBER');
  });
});

describe('tenancy and permissions', () => {
  it('resolves User and Organization references only within the caller’s organization (_entities)', async () => {
    const alice = await register('Alice');
    const bob = await register('Bob');
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on User { id email } ... on Organization { id name } } }`;
    const representations = [
      { __typename: 'User', id: toGlobalId('User', alice.userId) },
      { __typename: 'User', id: toGlobalId('User', bob.userId) },
      { __typename: 'Organization', id: toGlobalId('Organization', alice.orgId) },
      { __typename: 'Organization', id: toGlobalId('Organization', bob.orgId) },
      { __typename: 'User', id: toGlobalId('Task', alice.userId) },
    ];
    const asAlice = await harness.request('identity', query, { representations }, userPrincipal(alice.userId, alice.orgId));
    expect(asAlice.errors).toBeUndefined();
    expect(asAlice.data!._entities).toEqual([
      { id: toGlobalId('User', alice.userId), email: alice.email },
      null,
      { id: toGlobalId('Organization', alice.orgId), name: "Alice's workspace" },
      null,
      null,
    ]);
    const anonymous = await harness.request('identity', query, { representations });
    expect(anonymous.data!._entities).toEqual([null, null, null, null, null]);
  });

  it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN without an organization', async () => {
    const anonymous = await harness.request('identity', '{ me { id } }');
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const alice = await register('Alice');
    const noOrg = await harness.request('identity', '{ organization { id } }', {}, userPrincipal(alice.userId, null));
    expect(noOrg.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('keeps the gateway’s fields (_apiKeyResolve, _revokedTokens, _revocationCacheRebuild) to the system caller', async () => {
    const alice = await register('Alice');
    const resolve = '{ _apiKeyResolve(keyHash: "0000") { keyId } }';
    const revoked = '{ _revokedTokens { sessionIds users { userId generation } } }';
    const rebuild = 'mutation { _revocationCacheRebuild }';
    const system = { kind: 'system', orgId: null, scopes: [] } as const;
    for (const document of [resolve, revoked, rebuild]) {
      for (const principal of [userPrincipal(alice.userId, alice.orgId), undefined]) {
        const refused = await harness.request('identity', document, {}, principal);
        expect(refused.errors![0]!.extensions!.code, document).toBe('FORBIDDEN');
      }
    }
    expect(await harness.request('identity', resolve, {}, system)).toMatchObject({ data: { _apiKeyResolve: null } });
    expect((await harness.request('identity', revoked, {}, system)).errors).toBeUndefined();
    expect(await harness.request('identity', rebuild, {}, system)).toMatchObject({ data: { _revocationCacheRebuild: true } });
  });

  it('shows each organization only its own members', async () => {
    const alice = await register('Alice');
    const bob = await register('Bob');
    const query = '{ organization { id members { totalCount nodes { user { email } } } } }';
    const asBob = await harness.request('identity', query, {}, userPrincipal(bob.userId, bob.orgId));
    expect(asBob.data!.organization).toEqual({
      id: toGlobalId('Organization', bob.orgId),
      members: { totalCount: 1, nodes: [{ user: { email: bob.email } }] },
    });
    const asAlice = await harness.request('identity', query, {}, userPrincipal(alice.userId, alice.orgId));
    expect(JSON.stringify(asAlice.data)).not.toContain(bob.email);
  });
});

describe('internal context', () => {
  const body = JSON.stringify({ query: '{ _service { sdl } }' });

  it('refuses requests without a signature, `_service` included', async () => {
    const result = await harness.post('identity', body);
    expect(result.status).toBe(401);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a signature over another body, for another subgraph, or by another key', async () => {
    const context = { requestId: 'r', principal: { kind: 'anonymous' as const } };
    const otherBody = await harness.signer.sign(context, 'identity', JSON.stringify({ query: '{ __typename }' }));
    expect((await harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: otherBody })).status).toBe(401);
    const otherAudience = await harness.signer.sign(context, 'tasks', body);
    expect((await harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: otherAudience })).status).toBe(401);
    const { testInternalKeys } = await import('@cellgraph/kernel/testing');
    const stranger = testInternalKeys().signer.sign(context, 'identity', body);
    expect((await harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: stranger })).status).toBe(401);
    const valid = await harness.signer.sign(context, 'identity', body);
    const answered = await harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: valid });
    expect(answered.status).toBe(200);
    expect(answered.data!._service.sdl).toContain('type User');
  });

  it('ignores raw identity headers: only the signed context counts', async () => {
    const alice = await register('Alice');
    const result = await harness.request('identity', '{ me { id } }', {}, { kind: 'anonymous' });
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const spoofed = await harness.post('identity', JSON.stringify({ query: '{ me { id } }' }), {
      authorization: `Bearer ${alice.token}`,
      'x-user-id': alice.userId,
    });
    expect(spoofed.status).toBe(401);
  });

  it('never exposes secrets through the schema', async () => {
    const valid = await harness.signer.sign({ requestId: 'r', principal: { kind: 'anonymous' } }, 'identity', body);
    const sdl: string = (await harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: valid })).data!._service.sdl;
    // Stored secrets (hashes, sealed seeds, digests) have no field at all; values handed out once
    // (a new token, a TOTP seed during enrolment, backup codes, a new API key) appear only in the
    // payload of the mutation that creates them.
    const types = [...sdl.matchAll(/^type (\w+)[^{]*\{([^}]*)\}/gm)].map((match) => ({
      name: match[1]!,
      fields: [...match[2]!.matchAll(/^\s+(\w+)/gm)].map((f) => f[1]!),
    }));
    const allFields = types.filter((type) => type.name !== 'Mutation').flatMap((type) => type.fields);
    expect(allFields).toContain('email');
    expect(allFields.filter((field) => /hash|sealed|digest|password/i.test(field))).toEqual([]);
    const oneTime = /^(secret|otpauthUrl|backupCodes|plainKey|refreshToken|accessToken|challengeToken)$/;
    for (const type of types.filter((t) => t.fields.some((field) => oneTime.test(field)))) {
      expect(type.name).toMatch(/Payload$|^Session$|^MfaChallenge$/);
    }
  });
});
