import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const documents = mutationsOf(() => harness, 'documents');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([documentsSubgraph], { databaseUrl: database.url });
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

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const FIELDS = 'id title category body includeByDefault version createdBy { id }';
const create = async (input: Record<string, unknown>, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'clauseCreate', { category: 'General', body: '<p>Text</p>', ...input }, `clause { ${FIELDS} }`)).clause;
const update = async (input: Record<string, unknown>, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'clauseUpdate', input, `clause { ${FIELDS} }`)).clause;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { clause(id: $id) { ${FIELDS} } }`, { id })).data?.clause;
const list = async (variables: Record<string, unknown>, who: TestMember = member) =>
  (
    await query(
      who.principal,
      `query($filter: ClauseFilter, $orderBy: [ClauseOrder!]) { clauses(filter: $filter, orderBy: $orderBy) { totalCount nodes { title } } }`,
      variables,
    )
  ).data?.clauses;

describe('clauses', () => {
  it('keep every version of their body, sanitized, and announce each change', async () => {
    const clause = await create({
      title: 'Payment terms',
      category: 'Payment',
      body: '<p onclick="steal()">Net 30.<script>alert(1)</script> <a href="javascript:alert(1)">pay</a></p>',
    });
    expect(clause).toEqual({
      id: expect.any(String),
      title: 'Payment terms',
      category: 'Payment',
      body: '<p>Net 30. <a>pay</a></p>',
      includeByDefault: false,
      version: 1,
      createdBy: { id: member.globalUserId },
    });
    expect(await read(clause.id)).toEqual(clause);

    // Not the body: the same version. The same body again: no new version either.
    expect(await update({ id: clause.id, title: 'Payment', includeByDefault: true, body: clause.body })).toMatchObject({ title: 'Payment', version: 1 });
    const revised = await update({ id: clause.id, body: '<p>Net 45.</p>' }, owner);
    expect(revised).toMatchObject({ title: 'Payment', includeByDefault: true, body: '<p>Net 45.</p>', version: 2 });
    const versions = await query(member.principal, `query($id: ID!) { clause(id: $id) { versions { totalCount nodes { number body author { id } } } } }`, {
      id: clause.id,
    });
    expect(versions.data!.clause.versions).toEqual({
      totalCount: 2,
      nodes: [
        { number: 2, body: '<p>Net 45.</p>', author: { id: owner.globalUserId } },
        { number: 1, body: '<p>Net 30. <a>pay</a></p>', author: { id: member.globalUserId } },
      ],
    });

    expect(await documents.refused(member.principal, 'clauseUpdate', { id: clause.id, title: ' ' })).toEqual(['CLAUSE_INVALID_INPUT']);
    expect(await documents.refused(member.principal, 'clauseCreate', { title: 'Huge', category: 'X', body: 'x'.repeat(128 * 1024 + 1) })).toEqual([
      'CLAUSE_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'clauseCreate', { title: 'No category', category: '', body: '' })).toEqual(['CLAUSE_INVALID_INPUT']);

    const events = await outboxEvents(database.url, 'documents', uuidOf(clause.id));
    expect(events.map((event) => event.type)).toEqual(['clause.created', 'clause.updated', 'clause.updated']);
    expect(events[0]).toMatchObject({
      actor_id: member.userId,
      data: { after: { title: 'Payment terms', category: 'Payment', includeByDefault: false, version: 1 } },
    });
    expect(events[1]).toMatchObject({ data: { fields: ['title', 'includeByDefault'], before: { title: 'Payment terms' }, after: { includeByDefault: true } } });
    expect(events[2]).toMatchObject({ actor_id: owner.userId, data: { fields: ['version'], before: { version: 1 }, after: { version: 2 } } });
  });

  it('are listed by category and title, filtered and ordered', async () => {
    const category = `Listed ${uuidv7()}`;
    await create({ title: 'B clause', category, includeByDefault: true });
    await create({ title: 'A clause', category });
    await create({ title: 'C clause', category: `${category} other` });
    expect(await list({ filter: { category: { startsWith: category } } })).toEqual({
      totalCount: 3,
      nodes: [{ title: 'A clause' }, { title: 'B clause' }, { title: 'C clause' }],
    });
    expect(await list({ filter: { category: { eq: category }, includeByDefault: { eq: true } } })).toEqual({ totalCount: 1, nodes: [{ title: 'B clause' }] });
    expect(await list({ filter: { category: { startsWith: category } }, orderBy: [{ field: 'TITLE', direction: 'DESC' }] })).toMatchObject({
      nodes: [{ title: 'C clause' }, { title: 'B clause' }, { title: 'A clause' }],
    });
  });

  it('go to the trash and come back, and are purged for good with their versions', async () => {
    const clause = await create({ title: 'Doomed' });
    await update({ id: clause.id, body: '<p>Second</p>' });
    expect((await documents.mutate(member.principal, 'clauseDelete', { id: clause.id }, 'deletedClauseId')).deletedClauseId).toBe(clause.id);
    expect(await read(clause.id)).toBeNull();
    expect(await list({ filter: { id: { eq: clause.id } } })).toEqual({ totalCount: 0, nodes: [] });
    expect(await documents.refused(member.principal, 'clauseUpdate', { id: clause.id, title: 'Gone' })).toEqual(['CLAUSE_NOT_FOUND']);
    expect((await documents.mutate(member.principal, 'clauseRestore', { id: clause.id }, 'clause { version }')).clause).toEqual({ version: 2 });

    await documents.mutate(member.principal, 'clauseDelete', { id: clause.id }, 'deletedClauseId');
    expect((await documents.mutate(owner.principal, 'clausePurge', { id: clause.id }, 'deletedClauseId')).deletedClauseId).toBe(clause.id);
    expect(await documents.refused(member.principal, 'clauseRestore', { id: clause.id })).toEqual(['CLAUSE_NOT_FOUND']);
    const versionsLeft = await withClient(database.url, (client) =>
      client.query('SELECT count(*)::int AS count FROM documents.clause_versions WHERE clause_id = $1', [uuidOf(clause.id)]),
    );
    expect(versionsLeft.rows[0].count).toBe(0);
    expect((await outboxEvents(database.url, 'documents', uuidOf(clause.id))).map((event) => event.type)).toEqual([
      'clause.created',
      'clause.updated',
      'clause.deleted',
      'clause.restored',
      'clause.deleted',
      'clause.purged',
    ]);
  });

  it('are created once per idempotency key', async () => {
    const input = { title: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = await create(input);
    expect((await create(input)).id).toBe(first.id);
    expect(await documents.refused(member.principal, 'clauseCreate', { ...input, category: 'General', body: '<p>Other</p>' })).toEqual([
      'IDEMPOTENCY_KEY_REUSED',
    ]);
  });
});

describe('clause _entities', () => {
  it('resolves a clause by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const clause = await create({ title: 'Referenced' });
    const theirs = await create({ title: 'Theirs' }, stranger);
    const trashed = await create({ title: 'Trashed' });
    await documents.mutate(member.principal, 'clauseDelete', { id: trashed.id }, 'deletedClauseId');
    const representations = [clause.id, toGlobalId('Clause', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Clause', id }));
    const result = await query(member.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Clause { id title version } } }', {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: clause.id, title: 'Referenced', version: 1 }, null, null, null]);
  });
});

describe('clause tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a clause', async () => {
    const clause = await create({ title: 'Private clause' });
    expect(await read(clause.id, stranger)).toBeNull();
    expect(await list({ filter: { id: { eq: clause.id } } }, stranger)).toEqual({ totalCount: 0, nodes: [] });
    expect(await documents.refused(stranger.principal, 'clauseUpdate', { id: clause.id, body: '<p>Taken</p>' })).toEqual(['CLAUSE_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'clauseDelete', { id: clause.id })).toEqual(['CLAUSE_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'clauseRestore', { id: clause.id })).toEqual(['CLAUSE_NOT_FOUND']);
    expect(await read(clause.id)).toMatchObject({ title: 'Private clause', version: 1 });
  });
});

describe('clause permissions', () => {
  it('keeps a guest from reading or managing the library, and an API key within its scopes', async () => {
    const clause = await create({ title: 'Members only' });
    const answer = await query(guest.principal, `query($id: ID!) { clause(id: $id) { id } }`, { id: clause.id });
    expect(answer.data!.clause).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ clauses { totalCount } }')).data!.clauses.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { clauseCreate(input: { title: "Sneaky", category: "X", body: "" }) { clause { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await documents.refused(guest.principal, 'clauseUpdate', { id: clause.id, title: 'Changed' })).toEqual(['CLAUSE_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'clauseDelete', { id: clause.id })).toEqual(['CLAUSE_NOT_FOUND']);
    // Purging needs `manage` (owners and admins), also for a member.
    const purge = await query(member.principal, `mutation($id: ID!) { clausePurge(input: { id: $id }) { deletedClauseId } }`, { id: clause.id });
    expect(purge.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const readOnly: Principal = { kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes: ['documents:read'] };
    expect((await query(readOnly, `query($id: ID!) { clause(id: $id) { title } }`, { id: clause.id })).data!.clause).toEqual({ title: 'Members only' });
    const write = await query(readOnly, 'mutation { clauseCreate(input: { title: "By key", category: "X", body: "" }) { clause { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'documents:write' });
  });
});
