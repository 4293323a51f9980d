import { generateEncryptionKey, generateSigningKeyPair, INTERNAL_CONTEXT_HEADER, type Principal, type RequestContext } from '@cellgraph/kernel';
import { createTestDatabase, startTestSubgraphs, userPrincipal, waitFor, type SubgraphHarness, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySubgraph } from '../src/index.js';

/**
 * Errors answered in the reader's language: the locale the gateway negotiated from
 * Accept-Language (signed in the internal context), or the user's `profile.locale`, else English.
 */

const REGISTER = `mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { user { id } organization { id } } userErrors { code field message } } }`;
const SETTINGS = `query($ns: String!) { settings(namespace: $ns) { values } }`;
const SET = `mutation($input: SettingSetInput!) { settingSet(input: $input) { userErrors { code field message } } }`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

let database: TestDatabase;
let harness: SubgraphHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  const { privateJwk } = await generateSigningKeyPair();
  harness = await startTestSubgraphs([identitySubgraph], {
    databaseUrl: database.url,
    env: { AUTH_SIGNING_KEY: JSON.stringify(privateJwk), IDENTITY_ENCRYPTION_KEY: generateEncryptionKey() },
  });
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

/** An operation as the gateway sends it for a client whose Accept-Language negotiated to `locale`. */
async function request(query: string, variables: Record<string, unknown>, principal: Principal, locale?: string) {
  const body = JSON.stringify({ query, variables });
  const context: RequestContext = { requestId: `i18n-${Math.random()}`, principal, ...(locale ? { locale } : {}) };
  return harness.post('identity', body, { [INTERNAL_CONTEXT_HEADER]: harness.signer.sign(context, 'identity', body) });
}

const weakPassword = () => ({ input: { email: `weak-${Math.random().toString(36).slice(2, 8)}@example.test`, name: 'Weak', password: 'short' } });
const registerErrors = async (locale?: string) =>
  ((await request(REGISTER, weakPassword(), { kind: 'anonymous' }, locale)).data as { userRegister: { userErrors: { field: string[]; message: string }[] } })
    .userRegister.userErrors;
const unknownNamespace = async (principal: Principal, locale?: string) => (await request(SETTINGS, { ns: 'no-such-namespace' }, principal, locale)).errors?.[0];

async function register(name: string) {
  const input = { email: `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`, name, password: 'Sufficiently-long-9' };
  const session = (await harness.request('identity', REGISTER, { input })).data!.userRegister.session;
  return userPrincipal(uuidOf(session.user.id), uuidOf(session.organization.id));
}

describe('errors in the reader’s language', () => {
  it('answers in English by default', async () => {
    const errors = await registerErrors();
    expect(errors.map((e) => e.message)).toContain('Password must be at least 12 characters long');
    const error = await unknownNamespace(await register('Ada'));
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toBe('namespace is not a settings namespace of this cell');
  });

  it('answers an anonymous caller in the language of their Accept-Language (de)', async () => {
    const errors = await registerErrors('de');
    expect(errors.map((e) => e.message)).toContain('Das Passwort muss mindestens 12 Zeichen lang sein');
    // A top-level error of the kernel too (setting a value needs a signed-in caller).
    const answer = await request(SET, { input: { namespace: 'profile', scope: 'USER', values: { locale: 'de-DE' } } }, { kind: 'anonymous' }, 'de');
    const refused = answer.errors?.[0];
    expect(refused?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused?.message).toBe('Eine Anmeldung ist erforderlich');
  });

  it('answers a user whose profile locale is de-DE in German, whatever their Accept-Language', async () => {
    const bea = await register('Bea');
    const set = await request(SET, { input: { namespace: 'profile', scope: 'USER', values: { locale: 'de-DE' } } }, bea);
    expect((set.data as { settingSet: { userErrors: unknown[] } }).settingSet.userErrors).toEqual([]);
    await waitFor(async () => (await unknownNamespace(bea, 'en-US'))?.message === 'namespace ist kein Einstellungsbereich', 'the German answer');
    // A validation message of the same user, in German as well (zod's own and catalog messages).
    const invalid = await request(SET, { input: { namespace: 'profile', scope: 'USER', values: { locale: 'not a tag!' } } }, bea);
    const [error] = (invalid.data as { settingSet: { userErrors: { code: string; message: string }[] } }).settingSet.userErrors;
    expect(error?.code).toBe('SETTINGS_INVALID');
    expect(error?.message).toMatch(/^Ungültig/);
    // Another user of no profile locale still reads English.
    expect((await unknownNamespace(await register('Cyd')))?.message).toBe('namespace is not a settings namespace of this cell');
  });
});
