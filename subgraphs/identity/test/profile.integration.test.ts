import { generateEncryptionKey, generateSigningKeyPair } from '@cellgraph/kernel';
import { createTestDatabase, startTestSubgraphs, userPrincipal, withClient, type SubgraphHarness, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identitySubgraph } from '../src/index.js';

const REGISTER = `mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { user { id } organization { id } } userErrors { code } } }`;
const UPDATE = `mutation($input: UserUpdateInput!) { userUpdate(input: $input) { user { name avatarUrl timeZone locale } userErrors { code field message } } }`;
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

async function register(name: string) {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const session = (await harness.request('identity', REGISTER, { input: { email, name, password: 'Sufficiently-long-9' } })).data!.userRegister.session;
  const userId = uuidOf(session.user.id);
  return { userId, principal: userPrincipal(userId, uuidOf(session.organization.id)) };
}

const stored = (userId: string) =>
  withClient(
    database.url,
    async (client) => (await client.query('SELECT name, avatar_url, time_zone, locale FROM identity.users WHERE id = $1', [userId])).rows[0],
  );
const updatedEvents = (userId: string) =>
  withClient(database.url, async (client) =>
    (await client.query(`SELECT data FROM identity.outbox WHERE type = 'user.updated' AND subject_id = $1 ORDER BY occurred_at`, [userId])).rows.map(
      (row) => row.data,
    ),
  );

describe('userUpdate', () => {
  it('changes your own name, avatar, time zone and locale, written canonically, and announces user.updated', async () => {
    const { userId, principal } = await register('Grace');
    const input = { name: '  Grace Hopper ', avatarUrl: 'https://cdn.example.test/grace.png', timeZone: 'america/new_york', locale: 'en-us' };
    const result = (await harness.request('identity', UPDATE, { input }, principal)).data!.userUpdate;
    expect(result).toEqual({
      user: { name: 'Grace Hopper', avatarUrl: 'https://cdn.example.test/grace.png', timeZone: 'America/New_York', locale: 'en-US' },
      userErrors: [],
    });
    expect(await stored(userId)).toEqual({
      name: 'Grace Hopper',
      avatar_url: 'https://cdn.example.test/grace.png',
      time_zone: 'America/New_York',
      locale: 'en-US',
    });
    expect(await updatedEvents(userId)).toEqual([
      {
        before: { name: 'Grace', avatarUrl: null, timeZone: null, locale: null },
        after: { name: 'Grace Hopper', avatarUrl: 'https://cdn.example.test/grace.png', timeZone: 'America/New_York', locale: 'en-US' },
      },
    ]);

    // Omitted fields stay; null clears; an update that changes nothing announces nothing.
    const cleared = (await harness.request('identity', UPDATE, { input: { avatarUrl: null, locale: 'fr-CA' } }, principal)).data!.userUpdate;
    expect(cleared.user).toEqual({ name: 'Grace Hopper', avatarUrl: null, timeZone: 'America/New_York', locale: 'fr-CA' });
    await harness.request('identity', UPDATE, { input: { timeZone: 'America/New_York' } }, principal);
    expect(await updatedEvents(userId)).toHaveLength(2);
    expect((await updatedEvents(userId))[1]).toEqual({
      before: { avatarUrl: 'https://cdn.example.test/grace.png', locale: 'en-US' },
      after: { avatarUrl: null, locale: 'fr-CA' },
    });
  });

  it('refuses invalid input with coded user errors per field and writes nothing', async () => {
    const { userId, principal } = await register('Ada');
    const input = { name: ' ', avatarUrl: 'http://cdn.example.test/ada.png', timeZone: 'Mars/Olympus_Mons', locale: 'not a locale!' };
    const result = (await harness.request('identity', UPDATE, { input }, principal)).data!.userUpdate;
    expect(result.user).toBeNull();
    expect(result.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_INPUT', field: ['input', 'name'], message: 'Name is required' },
      { code: 'IDENTITY_INVALID_INPUT', field: ['input', 'avatarUrl'], message: 'The avatar must be an https URL' },
      { code: 'IDENTITY_INVALID_INPUT', field: ['input', 'timeZone'], message: expect.stringMatching(/IANA time zone/) },
      { code: 'IDENTITY_INVALID_INPUT', field: ['input', 'locale'], message: expect.stringMatching(/BCP 47/) },
    ]);
    const tooLong = (await harness.request('identity', UPDATE, { input: { name: 'x'.repeat(101), timeZone: '+01:00' } }, principal)).data!.userUpdate;
    expect(tooLong.userErrors.map((error: { field: string[] }) => error.field)).toEqual([
      ['input', 'name'],
      ['input', 'timeZone'],
    ]);
    // One valid field beside an invalid one is not written either.
    const mixed = (await harness.request('identity', UPDATE, { input: { name: 'Ada Lovelace', locale: 'x' } }, principal)).data!.userUpdate;
    expect(mixed.userErrors).toEqual([expect.objectContaining({ field: ['input', 'locale'] })]);
    expect(await stored(userId)).toEqual({ name: 'Ada', avatar_url: null, time_zone: null, locale: null });
    expect(await updatedEvents(userId)).toEqual([]);
  });

  it('is for signed-in users only', async () => {
    const anonymous = await harness.request('identity', UPDATE, { input: { name: 'Nobody' } });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
