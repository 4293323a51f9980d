import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

const CREATE = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {
  apiKey { id name prefix scopes createdBy { email } } plainKey userErrors { code field } } }`;

let cell: TestCell;
let owner: TestUser;
beforeAll(async () => {
  cell = await startTestCell({ env: { API_KEY_RATE_LIMIT: '20', API_KEY_RATE_WINDOW_SECONDS: '60' } });
  owner = await cell.signUp('Integrator');
});
afterAll(async () => {
  await cell?.stop();
});

async function createKey(scopes: string[], name = 'CI', extra: Record<string, unknown> = {}): Promise<{ id: string; plainKey: string }> {
  const result = (await cell.gql(CREATE, { input: { name, scopes, ...extra } }, owner.token)).data!.apiKeyCreate;
  expect(result.userErrors).toEqual([]);
  return { id: result.apiKey.id, plainKey: result.plainKey };
}

describe('API keys', () => {
  it('are shown once, stored as a hash, and listed by prefix, scopes and last use', async () => {
    const result = (await cell.gql(CREATE, { input: { name: 'Zapier', scopes: ['tasks:read', 'tasks:read'] } }, owner.token)).data!.apiKeyCreate;
    expect(result.plainKey).toMatch(/^cg_[A-Za-z0-9_-]{43}$/);
    expect(result.apiKey).toMatchObject({ name: 'Zapier', prefix: result.plainKey.slice(0, 11), scopes: ['tasks:read'], createdBy: { email: owner.email } });
    const stored = await withClient(
      cell.database.url,
      async (client) => (await client.query('SELECT key_hash FROM identity.api_keys WHERE name = $1', ['Zapier'])).rows[0].key_hash as string,
    );
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(result.plainKey.slice(3));
    await cell.gql('{ tasks { totalCount } }', {}, result.plainKey);
    const listed = await cell.gql('{ organization { apiKeys { nodes { name prefix scopes lastUsedAt revokedAt } } } }', {}, owner.token);
    expect(listed.data!.organization.apiKeys.nodes).toEqual([
      { name: 'Zapier', prefix: result.plainKey.slice(0, 11), scopes: ['tasks:read'], lastUsedAt: expect.any(String), revokedAt: null },
    ]);
    const invalid = (await cell.gql(CREATE, { input: { name: 'Bad', scopes: ['everything'] } }, owner.token)).data!.apiKeyCreate;
    expect(invalid.userErrors).toEqual([{ code: 'API_KEY_INVALID_INPUT', field: ['input', 'scopes', '0'] }]);
  });

  it('act for their organization within their scopes', async () => {
    const reader = await createKey(['tasks:read']);
    const writer = await createKey(['tasks:write']);
    const create = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { title createdBy { email } } userErrors { code } } }';
    const denied = await cell.gql(create, { input: { title: 'From a reader' } }, reader.plainKey);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const created = await cell.gql(create, { input: { title: 'From a writer' } }, writer.plainKey);
    expect(created.data!.taskCreate.task).toEqual({ title: 'From a writer', createdBy: { email: owner.email } });
    const listed = await cell.gql('{ tasks { nodes { title } } }', {}, reader.plainKey);
    expect(listed.data!.tasks.nodes).toContainEqual({ title: 'From a writer' });
    // The key's organization only; and no organization management without that scope.
    const members = await cell.gql('{ organization { members { totalCount } } }', {}, reader.plainKey);
    expect(members.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('are refused from the very next request once revoked', async () => {
    const key = await createKey(['tasks:read'], 'Short-lived');
    expect((await cell.gql('{ tasks { totalCount } }', {}, key.plainKey)).status).toBe(200);
    const revoked = await cell.gql(
      'mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { revokedAt } userErrors { code } } }',
      { input: { id: key.id } },
      owner.token,
    );
    expect(revoked.data!.apiKeyRevoke.apiKey.revokedAt).not.toBeNull();
    const refused = await cell.gql('{ tasks { totalCount } }', {}, key.plainKey);
    expect(refused.status).toBe(401);
    expect(refused.errors![0]).toMatchObject({ message: 'Invalid, expired or revoked API key', extensions: { code: 'UNAUTHENTICATED' } });
    expect((await cell.gql('{ tasks { totalCount } }', {}, 'cg_not-a-real-key')).status).toBe(401);
  });

  it('are rate-limited per key in Redis, with RateLimit headers and Retry-After', async () => {
    const key = await createKey(['tasks:read'], 'Busy');
    const other = await createKey(['tasks:read'], 'Quiet');
    let last;
    for (let i = 1; i <= 20; i++) {
      last = await cell.gql('{ __typename }', {}, key.plainKey);
      expect(last.status).toBe(200);
      expect(last.headers.get('ratelimit-remaining')).toBe(String(20 - i));
    }
    expect(last!.headers.get('ratelimit-limit')).toBe('20');
    expect(last!.headers.get('ratelimit-policy')).toBe('20;w=60');
    const limited = await cell.gql('{ __typename }', {}, key.plainKey);
    expect(limited.status).toBe(429);
    expect(limited.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await cell.gql('{ __typename }', {}, other.plainKey)).status).toBe(200);
  });

  it('take their own rate limit, set at creation or changed later, from the next request on', async () => {
    const UPDATE = 'mutation($input: ApiKeyUpdateInput!) { apiKeyUpdate(input: $input) { apiKey { name rateLimit } userErrors { code field } } }';
    const key = await createKey(['tasks:read'], 'Metered', { rateLimit: 3 });
    const call = () => cell.gql('{ __typename }', {}, key.plainKey);
    for (let i = 1; i <= 3; i++) expect((await call()).headers.get('ratelimit-remaining')).toBe(String(3 - i));
    const limited = await call();
    expect([limited.status, limited.headers.get('ratelimit-limit'), limited.headers.get('ratelimit-policy')]).toEqual([429, '3', '3;w=60']);

    // Raised: the window's count (4) is now within the limit; the cached resolution was dropped.
    expect((await cell.gql(UPDATE, { input: { id: key.id, name: 'Metered more', rateLimit: 5 } }, owner.token)).data!.apiKeyUpdate).toEqual({
      apiKey: { name: 'Metered more', rateLimit: 5 },
      userErrors: [],
    });
    const raised = await call();
    expect([raised.status, raised.headers.get('ratelimit-limit'), raised.headers.get('ratelimit-remaining')]).toEqual([200, '5', '0']);
    expect((await call()).status).toBe(429);

    // Back to the cell's default (20), name kept.
    expect((await cell.gql(UPDATE, { input: { id: key.id, rateLimit: null } }, owner.token)).data!.apiKeyUpdate.apiKey).toEqual({
      name: 'Metered more',
      rateLimit: null,
    });
    const defaulted = await call();
    expect([defaulted.status, defaulted.headers.get('ratelimit-limit')]).toEqual([200, '20']);

    expect((await cell.gql(UPDATE, { input: { id: key.id, rateLimit: 0 } }, owner.token)).data!.apiKeyUpdate.userErrors).toEqual([
      { code: 'API_KEY_INVALID_INPUT', field: ['input', 'rateLimit'] },
    ]);
    expect(
      (await cell.gql(CREATE, { input: { name: 'Greedy', scopes: ['tasks:read'], rateLimit: 100_001 } }, owner.token)).data!.apiKeyCreate.userErrors,
    ).toEqual([{ code: 'API_KEY_INVALID_INPUT', field: ['input', 'rateLimit'] }]);
    const listed = await cell.gql('{ organization { apiKeys { nodes { name rateLimit } } } }', {}, owner.token);
    expect(listed.data!.organization.apiKeys.nodes).toContainEqual({ name: 'Metered more', rateLimit: null });
    // Someone else's organization cannot touch it.
    const stranger = await cell.signUp('Stranger');
    expect((await cell.gql(UPDATE, { input: { id: key.id, rateLimit: 100 } }, stranger.token)).data!.apiKeyUpdate.userErrors).toEqual([
      { code: 'API_KEY_NOT_FOUND', field: ['input', 'id'] },
    ]);
  });

  it('are managed by owners and admins only', async () => {
    const member = await cell.signUp('Plain');
    const result = await cell.gql(CREATE, { input: { name: 'Mine', scopes: ['tasks:read'] } }, member.token);
    expect(result.data!.apiKeyCreate.userErrors).toEqual([]); // owner of their own organization
    const events = await withClient(cell.database.url, async (client) =>
      (await client.query(`SELECT type FROM identity.outbox WHERE type LIKE 'api_key.%'`)).rows.map((r) => r.type),
    );
    expect(events).toEqual(expect.arrayContaining(['api_key.created', 'api_key.updated', 'api_key.revoked']));
  });
});
