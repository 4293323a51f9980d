import { appConnectionString, toGlobalId, uuidv7, type Principal, type PublishedEvent } from '@cellgraph/kernel';
import {
  createTestDatabase,
  startTestSubgraphs,
  TEST_APP_PASSWORD,
  testMember,
  waitFor,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubgraph, type AuditServices } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let admin: TestMember;
let member: TestMember;
let stranger: TestMember;
let services: AuditServices;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([auditSubgraph], { databaseUrl: database.url });
  services = harness.servers.find((server) => server.name === 'audit')!.services as AuditServices;
  owner = await testMember(database.url, 'owner');
  admin = await testMember(database.url, 'admin', owner.orgId);
  member = await testMember(database.url, 'member', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('audit', text, variables, principal);

/** An event as a module's relay hands it to audit. */
const event = (orgId: string, type: string, extra: Partial<PublishedEvent> = {}): PublishedEvent => ({
  id: uuidv7(),
  type,
  orgId,
  actorId: owner.userId,
  actorApiKey: null,
  subject: { type: 'Task', id: uuidv7() },
  data: {},
  requestId: 'req-1',
  occurredAt: new Date().toISOString(),
  origin: { clientAddress: '203.0.113.7', userAgent: 'AuditTest/1.0' },
  ...extra,
});

const ENTRIES = `query($filter: AuditEntryFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditEntries(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    edges { cursor node { id seq action actor { id } actorApiKey { id name } clientAddress userAgent targetType targetId before after requestId } }
  }
}`;
const VERIFY = '{ auditVerify { intact checkedEntries headSeq anchorSeq firstBrokenSeq firstBrokenEntryId reason } }';
const entries = async (who: TestMember, variables: Record<string, unknown> = {}) => (await query(who.principal, ENTRIES, variables)).data!.auditEntries;
const verify = async (who: TestMember) => (await query(who.principal, VERIFY)).data!.auditVerify;

/** Runs SQL as the audit subgraph's app role, in one organization. */
const asAppRole = <T>(orgId: string, sql: string) =>
  withClient(appConnectionString(database.url, 'audit', TEST_APP_PASSWORD), async (client) => {
    await client.query('BEGIN');
    try {
      await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
      return (await client.query(sql)) as T;
    } finally {
      await client.query('ROLLBACK');
    }
  });

describe('the audit log', () => {
  it('records events with actor, API key, origin, target and before/after, listed newest first with filters and keyset pages', async () => {
    const keyId = uuidv7();
    const changed = event(owner.orgId, 'membership.role_changed', {
      subject: { type: 'User', id: member.userId },
      data: { before: { role: 'member' }, after: { role: 'admin' } },
    });
    await services.chain.record(changed);
    await services.chain.record(event(owner.orgId, 'api_key.created', { actorApiKey: { id: keyId, name: 'ci' }, data: { name: 'ci', scopes: [] } }));
    for (let i = 0; i < 3; i++) await services.chain.record(event(owner.orgId, 'task.deleted', { data: { title: `t${i}` } }));

    const all = await entries(admin, { first: 2 });
    expect(all.totalCount).toBe(5);
    expect(all.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual(['task.deleted', 'task.deleted']);
    const page2 = await entries(admin, { first: 2, after: all.pageInfo.endCursor });
    const page3 = await entries(admin, { first: 2, after: page2.pageInfo.endCursor });
    const seqs = [...all.edges, ...page2.edges, ...page3.edges].map((edge: { node: { seq: number } }) => edge.node.seq);
    expect(seqs).toEqual([5, 4, 3, 2, 1]);
    expect(page3.pageInfo.hasNextPage).toBe(false);
    const back = await entries(admin, { last: 2, before: page3.edges[0].cursor });
    expect(back.edges.map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual([3, 2]);

    const roles = await entries(owner, { filter: { action: { eq: 'membership.role_changed' } } });
    expect(roles.edges[0].node).toEqual({
      id: expect.any(String),
      seq: 1,
      action: 'membership.role_changed',
      actor: { id: owner.globalUserId },
      actorApiKey: null,
      clientAddress: '203.0.113.7',
      userAgent: 'AuditTest/1.0',
      targetType: 'User',
      targetId: toGlobalId('User', member.userId),
      before: { role: 'member' },
      after: { role: 'admin' },
      requestId: 'req-1',
    });
    const byKey = await entries(owner, { filter: { actorApiKey: { eq: toGlobalId('ApiKey', keyId) } } });
    expect(byKey.edges.map((edge: { node: { actorApiKey: unknown } }) => edge.node.actorApiKey)).toEqual([{ id: toGlobalId('ApiKey', keyId), name: 'ci' }]);
    const byTarget = await entries(owner, { filter: { target: toGlobalId('User', member.userId), occurredAt: { gte: '2000-01-01T00:00:00Z' } } });
    expect(byTarget.totalCount).toBe(1);
    expect((await verify(owner)).intact).toBe(true);
  });

  it('answers AuditEntry references to owners and admins only, within their organization', async () => {
    const [first] = (await entries(owner, { first: 1 })).edges;
    const representations = [{ __typename: 'AuditEntry', id: first.node.id }];
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditEntry { id action } } }';
    expect((await query(admin.principal, ENTITIES, { r: representations })).data!._entities).toEqual([{ id: first.node.id, action: first.node.action }]);
    const denied = await query(member.principal, ENTITIES, { r: representations });
    expect(denied.data!._entities).toEqual([null]);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(stranger.principal, ENTITIES, { r: representations })).data!._entities).toEqual([null]);
  });

  it('refuses members and API keys with a coded error', async () => {
    for (const principal of [
      member.principal,
      { kind: 'api_key', keyId: uuidv7(), keyName: 'k', userId: owner.userId, orgId: owner.orgId, scopes: ['audit:read', 'audit:write'] } as Principal,
    ]) {
      const listed = await query(principal, ENTRIES);
      expect(listed.data?.auditEntries ?? null).toBeNull();
      expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await query(principal, VERIFY)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const retention = await query(member.principal, 'mutation { auditRetentionSet(input: { days: 90 }) { retentionDays } }');
    expect(retention.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps organizations apart', async () => {
    await services.chain.record(event(stranger.orgId, 'api_key.revoked', { actorId: stranger.userId, data: { name: 'theirs' } }));
    const theirs = await entries(stranger);
    expect(theirs.edges.map((edge: { node: { action: string; seq: number } }) => [edge.node.action, edge.node.seq])).toEqual([['api_key.revoked', 1]]);
    expect((await entries(owner, { filter: { action: { eq: 'api_key.revoked' } } })).totalCount).toBe(0);
    // Row-level security: the app role in one organization sees none of another's rows.
    const { rows } = await asAppRole<{ rows: unknown[] }>(owner.orgId, `SELECT * FROM audit.entries WHERE org_id = '${stranger.orgId}'`);
    expect(rows).toEqual([]);
  });

  it('appends a redelivered event once and concurrent events as one chain', async () => {
    const org = await testMember(database.url, 'owner');
    const once = event(org.orgId, 'mfa.enabled', { actorId: org.userId });
    await services.chain.record(once);
    await services.chain.record(once);
    await Promise.all(Array.from({ length: 20 }, (_, i) => services.chain.record(event(org.orgId, 'team.member_added', { actorId: org.userId, data: { i } }))));
    await Promise.all([services.chain.record(once), services.chain.record(once)]);
    const listed = await entries(org, { first: 100 });
    expect(listed.totalCount).toBe(21);
    expect(listed.edges.map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
    expect(await verify(org)).toEqual({
      intact: true,
      checkedEntries: 21,
      headSeq: 21,
      anchorSeq: 0,
      firstBrokenSeq: null,
      firstBrokenEntryId: null,
      reason: null,
    });
  });

  it('is append-only for the app role and for everyone through the trigger', async () => {
    await expect(asAppRole(owner.orgId, "UPDATE audit.entries SET action = 'forged'")).rejects.toThrow(/permission denied/);
    await expect(asAppRole(owner.orgId, 'DELETE FROM audit.entries')).rejects.toThrow(/permission denied/);
    await expect(asAppRole(owner.orgId, 'TRUNCATE audit.entries')).rejects.toThrow(/permission denied/);
    await expect(asAppRole(owner.orgId, 'UPDATE audit.chains SET anchor_seq = 3')).rejects.toThrow(/permission denied/);
    await expect(asAppRole(owner.orgId, `SELECT audit.prune_expired('${owner.orgId}')`)).rejects.toThrow(/permission denied/);
    // Even the administrator meets the trigger.
    await expect(withClient(database.url, (client) => client.query("UPDATE audit.entries SET action = 'forged'"))).rejects.toThrow(/append-only/);
    await expect(withClient(database.url, (client) => client.query('DELETE FROM audit.entries'))).rejects.toThrow(/append-only/);
  });

  it('detects an entry changed, removed or cut from the end', async () => {
    const org = await testMember(database.url, 'owner');
    for (let i = 0; i < 5; i++)
      await services.chain.record(event(org.orgId, 'permission.granted', { actorId: org.userId, data: { subject: `user:${i}`, relation: 'viewer' } }));
    expect((await verify(org)).intact).toBe(true);
    const tamper = (sql: string) =>
      withClient(database.url, async (client) => {
        // A superuser bypassing the trigger: what the chain must still reveal.
        await client.query("SET session_replication_role = 'replica'");
        await client.query(sql);
      });
    await tamper(`UPDATE audit.entries SET data = '{"subject":"user:9","relation":"owner"}' WHERE org_id = '${org.orgId}' AND seq = 3`);
    const changed = await verify(org);
    expect(changed).toMatchObject({ intact: false, checkedEntries: 2, firstBrokenSeq: 3, reason: 'HASH_MISMATCH', firstBrokenEntryId: expect.any(String) });

    await tamper(`DELETE FROM audit.entries WHERE org_id = '${org.orgId}' AND seq = 3`);
    expect(await verify(org)).toMatchObject({ intact: false, firstBrokenSeq: 3, reason: 'MISSING_ENTRY', firstBrokenEntryId: null });

    const tail = await testMember(database.url, 'owner');
    for (let i = 0; i < 3; i++) await services.chain.record(event(tail.orgId, 'invitation.created', { actorId: tail.userId }));
    await tamper(`DELETE FROM audit.entries WHERE org_id = '${tail.orgId}' AND seq = 3`);
    expect(await verify(tail)).toMatchObject({ intact: false, checkedEntries: 2, firstBrokenSeq: 3, reason: 'MISSING_ENTRY' });
  });

  it('keeps entries for the retention set, removing expired ones from the start of the chain so it still verifies', async () => {
    const org = await testMember(database.url, 'owner');
    for (let i = 0; i < 4; i++) await services.chain.record(event(org.orgId, 'membership.created', { actorId: org.userId }));
    const refused = await query(org.principal, 'mutation { auditRetentionSet(input: { days: 1 }) { retentionDays userErrors { code field } } }');
    expect(refused.data!.auditRetentionSet.userErrors).toEqual([{ code: 'AUDIT_INVALID_INPUT', field: ['input', 'days'] }]);
    const set = await query(org.principal, 'mutation { auditRetentionSet(input: { days: 30 }) { retentionDays userErrors { code } } }');
    expect(set.data!.auditRetentionSet).toEqual({ retentionDays: 30, userErrors: [] });
    expect((await query(org.principal, '{ auditRetentionDays }')).data!.auditRetentionDays).toBe(30);
    // The change is an event of audit's own outbox, recorded off the request path like any other.
    let changed: { edges: { node: unknown }[] } = { edges: [] };
    await waitFor(
      async () => (changed = await entries(org, { filter: { action: { eq: 'audit.retention_changed' } } })).edges.length > 0,
      'the retention change',
    );
    expect(changed.edges[0]!.node).toMatchObject({ seq: 5, actor: { id: org.globalUserId }, before: { retentionDays: null }, after: { retentionDays: 30 } });

    // The first two entries age past the retention (recorded_at can only be moved by a superuser).
    await withClient(database.url, async (client) => {
      await client.query("SET session_replication_role = 'replica'");
      await client.query(`UPDATE audit.entries SET recorded_at = now() - interval '40 days' WHERE org_id = '${org.orgId}' AND seq <= 2`);
    });
    expect(await services.chain.pruneExpired()).toBeGreaterThanOrEqual(2);
    const left = await entries(org, { first: 100 });
    expect(left.edges.map((edge: { node: { seq: number } }) => edge.node.seq)).toEqual([5, 4, 3]);
    expect(await verify(org)).toEqual({
      intact: true,
      checkedEntries: 3,
      headSeq: 5,
      anchorSeq: 2,
      firstBrokenSeq: null,
      firstBrokenEntryId: null,
      reason: null,
    });
  });
});
