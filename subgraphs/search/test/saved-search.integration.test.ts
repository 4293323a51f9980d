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
import { searchSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const search = mutationsOf(() => harness, 'search');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([searchSubgraph], { databaseUrl: database.url });
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

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('search', text, variables, principal);
const FIELDS = 'id name query types';
const create = async (name: string, who: TestMember = member) =>
  (await search.mutate(who.principal, 'savedSearchCreate', { name, query: 'quarterly report', types: ['Task', 'Note'] }, `savedSearch { ${FIELDS} }`))
    .savedSearch;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { savedSearch(id: $id) { ${FIELDS} } }`, { id })).data?.savedSearch;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on SavedSearch { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('saved searches', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const savedSearch = await create('First saved search');
    expect(savedSearch).toEqual({ id: expect.any(String), name: 'First saved search', query: 'quarterly report', types: ['Note', 'Task'] });
    expect(await read(savedSearch.id)).toEqual(savedSearch);

    const updated = (await search.mutate(member.principal, 'savedSearchUpdate', { id: savedSearch.id, query: 'annual report' }, `savedSearch { ${FIELDS} }`))
      .savedSearch;
    expect(updated).toEqual({ ...savedSearch, query: 'annual report' });
    expect(await search.refused(member.principal, 'savedSearchUpdate', { id: savedSearch.id, name: ' ' })).toEqual(['SAVED_SEARCH_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: SavedSearchFilter) { savedSearches(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First saved search' } } },
    );
    expect(listed.data!.savedSearches).toEqual({ totalCount: 1, nodes: [{ id: savedSearch.id }] });

    expect((await search.mutate(member.principal, 'savedSearchDelete', { id: savedSearch.id }, 'deletedSavedSearchId')).deletedSavedSearchId).toBe(
      savedSearch.id,
    );
    expect(await read(savedSearch.id)).toBeNull();
    expect(await search.refused(member.principal, 'savedSearchUpdate', { id: savedSearch.id, name: 'Gone' })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect((await search.mutate(member.principal, 'savedSearchRestore', { id: savedSearch.id }, `savedSearch { ${FIELDS} }`)).savedSearch).toEqual(updated);

    const events = await outboxEvents(database.url, 'search', uuidOf(savedSearch.id));
    expect(events.map((event) => event.type)).toEqual(['saved_search.created', 'saved_search.updated', 'saved_search.deleted', 'saved_search.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['query'], before: { query: 'quarterly report' }, after: { query: 'annual report' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', query: 'once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await search.mutate(member.principal, 'savedSearchCreate', input, 'savedSearch { id }')).savedSearch;
    const again = (await search.mutate(member.principal, 'savedSearchCreate', input, 'savedSearch { id }')).savedSearch;
    expect(again.id).toBe(first.id);
    expect(await search.refused(member.principal, 'savedSearchCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const savedSearch = await create('Doomed');
    await search.mutate(member.principal, 'savedSearchDelete', { id: savedSearch.id }, 'deletedSavedSearchId');
    expect((await search.mutate(owner.principal, 'savedSearchPurge', { id: savedSearch.id }, 'deletedSavedSearchId')).deletedSavedSearchId).toBe(
      savedSearch.id,
    );
    expect(await search.refused(member.principal, 'savedSearchRestore', { id: savedSearch.id })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'search', uuidOf(savedSearch.id))).map((event) => event.type)).toContain('saved_search.purged');
  });
});

describe('_entities', () => {
  it('resolves a saved search by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const savedSearch = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await search.mutate(member.principal, 'savedSearchDelete', { id: trashed.id }, 'deletedSavedSearchId');
    const representations = [savedSearch.id, toGlobalId('SavedSearch', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'SavedSearch', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: savedSearch.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a saved search', async () => {
    const savedSearch = await create('Private');
    expect(await read(savedSearch.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { savedSearches(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: savedSearch.id }))
        .data!.savedSearches,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await search.refused(stranger.principal, 'savedSearchUpdate', { id: savedSearch.id, name: 'Taken' })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect(await search.refused(stranger.principal, 'savedSearchDelete', { id: savedSearch.id })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect(await search.refused(stranger.principal, 'savedSearchRestore', { id: savedSearch.id })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect(await read(savedSearch.id)).toMatchObject({ id: savedSearch.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('keeps a saved search personal: another member of the organization neither reads, lists nor changes it', async () => {
    const savedSearch = await create('Mine');
    const answer = await query(owner.principal, `query($id: ID!) { savedSearch(id: $id) { id } }`, { id: savedSearch.id });
    expect(answer.data!.savedSearch).toBeNull();
    expect(
      (await query(owner.principal, `query($id: ID!) { savedSearches(filter: { id: { eq: $id } }) { totalCount } }`, { id: savedSearch.id })).data!
        .savedSearches.totalCount,
    ).toBe(0);
    expect(await search.refused(owner.principal, 'savedSearchUpdate', { id: savedSearch.id, name: 'Theirs' })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect(await search.refused(owner.principal, 'savedSearchDelete', { id: savedSearch.id })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
    expect(await read(savedSearch.id)).toMatchObject({ name: 'Mine' });
  });

  it('refuses a guest', async () => {
    const savedSearch = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { savedSearch(id: $id) { id } }`, { id: savedSearch.id });
    expect(answer.data!.savedSearch).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ savedSearches { totalCount } }')).data!.savedSearches.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { savedSearchCreate(input: { name: "Sneaky", query: "x" }) { savedSearch { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await search.refused(guest.principal, 'savedSearchUpdate', { id: savedSearch.id, name: 'Changed' })).toEqual(['SAVED_SEARCH_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const savedSearch = await create('Keyed');
    const readOnly = apiKey(['search:read']);
    expect((await query(readOnly, `query($id: ID!) { savedSearch(id: $id) { id } }`, { id: savedSearch.id })).data!.savedSearch).toEqual({
      id: savedSearch.id,
    });
    const write = await query(readOnly, 'mutation { savedSearchCreate(input: { name: "By key", query: "x" }) { savedSearch { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'search:write' });
    const other = await query(apiKey(['tasks:read']), '{ savedSearches { totalCount } }');
    expect(other.data?.savedSearches ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'search:read', acceptedScopes: ['search:read', 'search:write'] });
    const byKey = (await search.mutate(apiKey(['search:write']), 'savedSearchCreate', { name: 'By key', query: 'x' }, 'savedSearch { id name }')).savedSearch;
    expect(byKey.name).toBe('By key');
  });
});
