import {
  appConnectionString,
  FeatureFlags,
  generateEncryptionKey,
  generateSigningKeyPair,
  SettingsReader,
  settingsNamespacesOf,
  type Redis,
} from '@cellgraph/kernel';
import {
  createTestDatabase,
  grantOrganizationRole,
  startTestSubgraphs,
  TEST_APP_PASSWORD,
  userPrincipal,
  waitFor,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPlatformAdmin, identitySubgraph } from '../src/index.js';
import { identitySettings } from '../src/settings/settings.declarations.js';

const REGISTER = `mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { user { id } organization { id } } userErrors { code } } }`;
const SETTINGS = `query($ns: String!) { settings(namespace: $ns) { values sources { key source } organizationValues userValues schema } }`;
const SET = `mutation($input: SettingSetInput!) { settingSet(input: $input) { settings { values sources { key source } } userErrors { code field message } } }`;
const RESET = `mutation($input: SettingResetInput!) { settingReset(input: $input) { settings { values } userErrors { code field } } }`;
const FLAG_SET = `mutation($input: FeatureFlagSetInput!) { featureFlagSet(input: $input) { featureFlag { key defaultEnabled rules { kind ids percentage enabled } } userErrors { code field } } }`;
const FLAG_DELETE = `mutation($key: String!) { featureFlagDelete(input: { key: $key }) { deletedKey userErrors { code } } }`;
const FEATURES = `{ features { key enabled } }`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

let database: TestDatabase;
let harness: SubgraphHarness;
const extraConnections: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const { privateJwk } = await generateSigningKeyPair();
  harness = await startTestSubgraphs([identitySubgraph], {
    databaseUrl: database.url,
    env: { AUTH_SIGNING_KEY: JSON.stringify(privateJwk), IDENTITY_ENCRYPTION_KEY: generateEncryptionKey() },
  });
});
afterAll(async () => {
  for (const connection of extraConnections) await connection.close();
  await harness?.stop();
  await database?.drop();
});

async function register(name: string) {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const session = (await harness.request('identity', REGISTER, { input: { email, name, password: 'Sufficiently-long-9' } })).data!.userRegister.session;
  const userId = uuidOf(session.user.id);
  const orgId = uuidOf(session.organization.id);
  return { userId, orgId, email, principal: userPrincipal(userId, orgId) };
}

/** A second process's view: its own Redis connections, the same cell namespace. */
async function secondProcess(): Promise<{ settings: SettingsReader; flags: FeatureFlags; redis: Redis }> {
  const redis = harness.platform.redis.duplicate();
  const settings = new SettingsReader(redis, harness.platform.keyPrefix, settingsNamespacesOf({}, { name: 'identity', settings: identitySettings }));
  const flags = new FeatureFlags(redis, harness.platform.keyPrefix);
  await settings.listen();
  await flags.listen();
  extraConnections.push({ close: async () => (await settings.close(), await flags.close(), redis.disconnect()) });
  return { settings, flags, redis };
}

describe('settings', () => {
  it('resolve key by key: the user’s value over the organization’s over the default, with each source', async () => {
    const owner = await register('Ada');
    const member = await register('Bob');
    await grantOrganizationRole(database.url, owner.orgId, member.userId, 'member');
    const asMember = userPrincipal(member.userId, owner.orgId);

    const fresh = (await harness.request('identity', SETTINGS, { ns: 'profile' }, asMember)).data!.settings;
    expect(fresh.values).toEqual({ timeZone: 'UTC', locale: 'en-US' });
    expect(fresh.sources).toEqual([
      { key: 'timeZone', source: 'DEFAULT' },
      { key: 'locale', source: 'DEFAULT' },
    ]);
    expect(fresh.schema).toMatchObject({ type: 'object', properties: { timeZone: { type: 'string' } } });

    const byOrg = await harness.request(
      'identity',
      SET,
      { input: { namespace: 'profile', scope: 'ORGANIZATION', values: { timeZone: 'Europe/Paris', locale: 'fr-FR' } } },
      owner.principal,
    );
    expect(byOrg.data!.settingSet.userErrors).toEqual([]);
    const byUser = await harness.request(
      'identity',
      SET,
      { input: { namespace: 'profile', scope: 'USER', values: { timeZone: 'America/New_York' } } },
      asMember,
    );
    expect(byUser.data!.settingSet).toEqual({
      settings: {
        values: { timeZone: 'America/New_York', locale: 'fr-FR' },
        sources: [
          { key: 'timeZone', source: 'USER' },
          { key: 'locale', source: 'ORGANIZATION' },
        ],
      },
      userErrors: [],
    });
    // The owner sees the organization's value: the member's own setting is theirs alone.
    expect((await harness.request('identity', SETTINGS, { ns: 'profile' }, owner.principal)).data!.settings.values).toEqual({
      timeZone: 'Europe/Paris',
      locale: 'fr-FR',
    });

    const reset = await harness.request('identity', RESET, { input: { namespace: 'profile', scope: 'USER' } }, asMember);
    expect(reset.data!.settingReset).toEqual({ settings: { values: { timeZone: 'Europe/Paris', locale: 'fr-FR' } }, userErrors: [] });

    const events = await withClient(database.url, async (client) =>
      (await client.query(`SELECT data FROM identity.outbox WHERE type = 'settings.changed' AND org_id = $1 ORDER BY occurred_at`, [owner.orgId])).rows.map(
        (row) => row.data,
      ),
    );
    expect(events).toEqual([
      { namespace: 'profile', scope: 'organization', keys: ['timeZone', 'locale'] },
      { namespace: 'profile', scope: 'user', keys: ['timeZone'] },
      { namespace: 'profile', scope: 'user', keys: ['timeZone'] },
    ]);
  });

  it('refuse values against the namespace’s schema with field paths, unknown namespaces and scopes it does not allow', async () => {
    const owner = await register('Cleo');
    const invalid = await harness.request(
      'identity',
      SET,
      { input: { namespace: 'organization', scope: 'ORGANIZATION', values: { fiscalYearStartMonth: 13, branding: { color: 'blue' }, colour: 1 } } },
      owner.principal,
    );
    const errors = invalid.data!.settingSet.userErrors as { code: string; field: string[] }[];
    expect(errors.map((error) => [error.code, error.field.join('.')]).sort()).toEqual([
      ['SETTINGS_INVALID', 'input.values'], // the unknown key
      ['SETTINGS_INVALID', 'input.values.branding.color'],
      ['SETTINGS_INVALID', 'input.values.fiscalYearStartMonth'],
    ]);
    const unknown = await harness.request('identity', SET, { input: { namespace: 'nope', scope: 'USER', values: {} } }, owner.principal);
    expect(unknown.data!.settingSet.userErrors).toMatchObject([{ code: 'SETTINGS_NAMESPACE_UNKNOWN', field: ['input', 'namespace'] }]);
    const scope = await harness.request('identity', SET, { input: { namespace: 'organization', scope: 'USER', values: {} } }, owner.principal);
    expect(scope.data!.settingSet.userErrors).toMatchObject([{ code: 'SETTINGS_SCOPE_NOT_ALLOWED', field: ['input', 'scope'] }]);
    const query = await harness.request('identity', SETTINGS, { ns: 'nope' }, owner.principal);
    expect(query.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');

    const valid = await harness.request(
      'identity',
      SET,
      { input: { namespace: 'organization', scope: 'ORGANIZATION', values: { fiscalYearStartMonth: 4, branding: { name: 'Cleo & Co', color: '#112233' } } } },
      owner.principal,
    );
    expect(valid.data!.settingSet.settings.values).toEqual({
      branding: { name: 'Cleo & Co', color: '#112233' },
      fiscalYearStartMonth: 4,
      defaultLocale: 'en-US',
      defaultTimeZone: 'UTC',
    });
  });

  it('let only owners and admins set the organization’s values', async () => {
    const owner = await register('Dora');
    const member = await register('Eve');
    await grantOrganizationRole(database.url, owner.orgId, member.userId, 'member');
    const refused = await harness.request(
      'identity',
      SET,
      { input: { namespace: 'organization', scope: 'ORGANIZATION', values: { fiscalYearStartMonth: 7 } } },
      userPrincipal(member.userId, owner.orgId),
    );
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(
      await withClient(
        database.url,
        async (client) => (await client.query('SELECT count(*)::int AS n FROM identity.settings WHERE org_id = $1', [owner.orgId])).rows[0].n,
      ),
    ).toBe(0);
  });

  it('keep each organization’s values to itself', async () => {
    const a = await register('Finn');
    const b = await register('Gus');
    await harness.request('identity', SET, { input: { namespace: 'organization', scope: 'ORGANIZATION', values: { fiscalYearStartMonth: 10 } } }, a.principal);
    expect((await harness.request('identity', SETTINGS, { ns: 'organization' }, b.principal)).data!.settings.values.fiscalYearStartMonth).toBe(1);
    // Under the app role with B's organization set, A's row does not exist.
    const { settings } = await secondProcess();
    expect((await settings.read(b.orgId, b.userId, 'organization')).values.fiscalYearStartMonth).toBe(1);
    expect((await settings.read(a.orgId, null, 'organization')).values.fiscalYearStartMonth).toBe(10);
  });

  it('reach every process through Redis: a change is seen by another process without restart; a missing cache is filled from Postgres', async () => {
    const owner = await register('Hana');
    const other = await secondProcess();
    expect((await other.settings.read(owner.orgId, owner.userId, 'profile')).values.timeZone).toBe('UTC'); // filled on demand
    await harness.request('identity', SET, { input: { namespace: 'profile', scope: 'ORGANIZATION', values: { timeZone: 'Asia/Tokyo' } } }, owner.principal);
    await waitFor(
      async () => (await other.settings.read(owner.orgId, owner.userId, 'profile')).values.timeZone === 'Asia/Tokyo',
      'the change in the other process',
    );
    await harness.request('identity', SET, { input: { namespace: 'profile', scope: 'USER', values: { timeZone: 'Europe/Oslo' } } }, owner.principal);
    await waitFor(async () => (await other.settings.read(owner.orgId, owner.userId, 'profile')).sources.timeZone === 'USER', 'the user’s value');

    // Redis lost the cache: a fresh process asks identity to fill it again from Postgres.
    await other.redis.del(`${harness.platform.keyPrefix}:settings:${owner.orgId}:profile`);
    const third = await secondProcess();
    expect((await third.settings.read(owner.orgId, owner.userId, 'profile')).values).toEqual({ timeZone: 'Europe/Oslo', locale: 'en-US' });
  });
});

describe('feature flags', () => {
  it('are managed by platform administrators only (FORBIDDEN for an organization owner)', async () => {
    const owner = await register('Ivy');
    const refused = await harness.request('identity', FLAG_SET, { input: { key: 'tasks.gantt', defaultEnabled: true } }, owner.principal);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PLATFORM_ADMIN_REQUIRED' });
    const admin = await register('Jon');
    expect(await withClient(database.url, (client) => grantPlatformAdmin(client, admin.email))).toBe(true);
    const created = await harness.request(
      'identity',
      FLAG_SET,
      { input: { key: 'tasks.gantt', defaultEnabled: false, rules: [{ kind: 'ORGANIZATION', ids: [owner.orgId], enabled: true }] } },
      admin.principal,
    );
    expect(created.data!.featureFlagSet).toEqual({
      featureFlag: { key: 'tasks.gantt', defaultEnabled: false, rules: [{ kind: 'ORGANIZATION', ids: [owner.orgId], percentage: null, enabled: true }] },
      userErrors: [],
    });
    const identityOff = await harness.request('identity', FLAG_SET, { input: { key: 'module.identity', defaultEnabled: false } }, admin.principal);
    expect(identityOff.data!.featureFlagSet.userErrors).toMatchObject([{ code: 'FEATURE_FLAG_INVALID' }]);
    // The database itself refuses a write in anyone else's session (row-level security).
    await withClient(appConnectionString(database.url, 'identity', TEST_APP_PASSWORD), async (client) => {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [owner.userId]);
      await expect(client.query(`INSERT INTO identity.feature_flags (key, default_enabled) VALUES ('sneaky', true)`)).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');
    });
    await waitFor(async () => {
      const features = (await harness.request('identity', FEATURES, {}, owner.principal)).data!.features as { key: string; enabled: boolean }[];
      return features.some((feature) => feature.key === 'tasks.gantt' && feature.enabled);
    }, 'the owner’s organization to have the feature');
    expect((await harness.request('identity', FEATURES, {}, admin.principal)).data!.features).toContainEqual({ key: 'tasks.gantt', enabled: false });
    expect((await harness.request('identity', FLAG_DELETE, { key: 'tasks.gantt' }, owner.principal)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await harness.request('identity', FLAG_DELETE, { key: 'tasks.gantt' }, admin.principal)).data!.featureFlagDelete).toEqual({
      deletedKey: 'tasks.gantt',
      userErrors: [],
    });
    expect((await harness.request('identity', FLAG_DELETE, { key: 'tasks.gantt' }, admin.principal)).data!.featureFlagDelete.userErrors).toMatchObject([
      { code: 'FEATURE_FLAG_NOT_FOUND' },
    ]);
  });

  it('evaluate rules in every process within a second: users, organizations, a stable and roughly proportional percentage', async () => {
    const admin = await register('Kim');
    await withClient(database.url, (client) => grantPlatformAdmin(client, admin.email));
    const other = await secondProcess();
    const [userA, orgB] = [crypto.randomUUID(), crypto.randomUUID()];
    const started = Date.now();
    await harness.request(
      'identity',
      FLAG_SET,
      {
        input: {
          key: 'beta.reports',
          defaultEnabled: false,
          rules: [
            { kind: 'USER', ids: [userA], enabled: true },
            { kind: 'ORGANIZATION', ids: [orgB], enabled: false },
            { kind: 'PERCENTAGE', percentage: 30, enabled: true },
          ],
        },
      },
      admin.principal,
    );
    await waitFor(() => other.flags.isEnabled('beta.reports', { orgId: orgB, userId: userA }), 'the flag in the other process', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(other.flags.isEnabled('beta.reports', { orgId: orgB, userId: crypto.randomUUID() })).toBe(false);
    const orgs = Array.from({ length: 2000 }, () => crypto.randomUUID());
    const enabled = orgs.filter((orgId) => other.flags.isEnabled('beta.reports', { orgId, userId: null }));
    expect(enabled.length / orgs.length).toBeGreaterThan(0.25);
    expect(enabled.length / orgs.length).toBeLessThan(0.35);
    // Stable: the same organizations, evaluated again, in another process too.
    const own = harness.servers[0]!.runtime.features;
    await waitFor(() => own.isEnabled('beta.reports', { orgId: orgB, userId: userA }), 'the flag in identity’s process', 1_000);
    expect(orgs.filter((orgId) => own.isEnabled('beta.reports', { orgId, userId: null }))).toEqual(enabled);
    // Unknown flags: modules stay on, features stay off.
    expect(other.flags.isEnabled('module.tasks', { orgId: orgB, userId: null })).toBe(true);
    expect(other.flags.isEnabled('nothing.yet', { orgId: orgB, userId: null })).toBe(false);
  });
});
