import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const audit = mutationsOf(() => harness, 'audit');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([auditSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('audit', text, variables, principal);
const FIELDS = 'id name description createdBy { id }';
const create = async (name: string, who: TestMember = member) =>
  (await audit.mutate(who.principal, 'auditEntryCreate', { name }, `auditEntry { ${FIELDS} }`)).auditEntry;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { auditEntry(id: $id) { ${FIELDS} } }`, { id })).data?.auditEntry;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on AuditEntry { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('audit entries', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const auditEntry = await create('First audit entry');
    expect(auditEntry).toEqual({ id: expect.any(String), name: 'First audit entry', description: null, createdBy: { id: member.globalUserId } });
    expect(await read(auditEntry.id)).toEqual(auditEntry);

    const updated = (await audit.mutate(member.principal, 'auditEntryUpdate', { id: auditEntry.id, description: 'Described' }, `auditEntry { ${FIELDS} }`))
      .auditEntry;
    expect(updated).toEqual({ ...auditEntry, description: 'Described' });
    expect(await audit.refused(member.principal, 'auditEntryUpdate', { id: auditEntry.id, name: ' ' })).toEqual(['AUDIT_ENTRY_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: AuditEntryFilter) { auditEntries(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First audit entry' } } },
    );
    expect(listed.data!.auditEntries).toEqual({ totalCount: 1, nodes: [{ id: auditEntry.id }] });

    expect((await audit.mutate(member.principal, 'auditEntryDelete', { id: auditEntry.id }, 'deletedAuditEntryId')).deletedAuditEntryId).toBe(auditEntry.id);
    expect(await read(auditEntry.id)).toBeNull();
    expect(await audit.refused(member.principal, 'auditEntryUpdate', { id: auditEntry.id, name: 'Gone' })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
    expect((await audit.mutate(member.principal, 'auditEntryRestore', { id: auditEntry.id }, `auditEntry { ${FIELDS} }`)).auditEntry).toEqual(updated);

    const events = await outboxEvents(database.url, 'audit', uuidOf(auditEntry.id));
    expect(events.map((event) => event.type)).toEqual(['audit_entry.created', 'audit_entry.updated', 'audit_entry.deleted', 'audit_entry.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['description'], before: { description: null }, after: { description: 'Described' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await audit.mutate(member.principal, 'auditEntryCreate', input, 'auditEntry { id }')).auditEntry;
    const again = (await audit.mutate(member.principal, 'auditEntryCreate', input, 'auditEntry { id }')).auditEntry;
    expect(again.id).toBe(first.id);
    expect(await audit.refused(member.principal, 'auditEntryCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const auditEntry = await create('Doomed');
    await audit.mutate(member.principal, 'auditEntryDelete', { id: auditEntry.id }, 'deletedAuditEntryId');
    expect((await audit.mutate(owner.principal, 'auditEntryPurge', { id: auditEntry.id }, 'deletedAuditEntryId')).deletedAuditEntryId).toBe(auditEntry.id);
    expect(await audit.refused(member.principal, 'auditEntryRestore', { id: auditEntry.id })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'audit', uuidOf(auditEntry.id))).map((event) => event.type)).toContain('audit_entry.purged');
  });
});

describe('_entities', () => {
  it('resolves an audit entry by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const auditEntry = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await audit.mutate(member.principal, 'auditEntryDelete', { id: trashed.id }, 'deletedAuditEntryId');
    const representations = [auditEntry.id, toGlobalId('AuditEntry', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'AuditEntry', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: auditEntry.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring an audit entry', async () => {
    const auditEntry = await create('Private');
    expect(await read(auditEntry.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { auditEntries(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: auditEntry.id }))
        .data!.auditEntries,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await audit.refused(stranger.principal, 'auditEntryUpdate', { id: auditEntry.id, name: 'Taken' })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
    expect(await audit.refused(stranger.principal, 'auditEntryDelete', { id: auditEntry.id })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
    expect(await audit.refused(stranger.principal, 'auditEntryRestore', { id: auditEntry.id })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
    expect(await read(auditEntry.id)).toMatchObject({ id: auditEntry.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const auditEntry = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { auditEntry(id: $id) { id } }`, { id: auditEntry.id });
    expect(answer.data!.auditEntry).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ auditEntries { totalCount } }')).data!.auditEntries.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { auditEntryCreate(input: { name: "Sneaky" }) { auditEntry { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await audit.refused(guest.principal, 'auditEntryUpdate', { id: auditEntry.id, name: 'Changed' })).toEqual(['AUDIT_ENTRY_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const auditEntry = await create('Keyed');
    const readOnly = apiKey(['audit:read']);
    expect((await query(readOnly, `query($id: ID!) { auditEntry(id: $id) { id } }`, { id: auditEntry.id })).data!.auditEntry).toEqual({ id: auditEntry.id });
    const write = await query(readOnly, 'mutation { auditEntryCreate(input: { name: "By key" }) { auditEntry { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'audit:write' });
    const other = await query(apiKey(['tasks:read']), '{ auditEntries { totalCount } }');
    expect(other.data?.auditEntries ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'audit:read', acceptedScopes: ['audit:read', 'audit:write'] });
    const byKey = (await audit.mutate(apiKey(['audit:write']), 'auditEntryCreate', { name: 'By key' }, 'auditEntry { id name }')).auditEntry;
    expect(byKey.name).toBe('By key');
  });
});
