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
const FIELDS = 'id name description createdBy { id }';
const create = async (name: string, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'documentCreate', { name }, `document { ${FIELDS} }`)).document;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { document(id: $id) { ${FIELDS} } }`, { id })).data?.document;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('documents', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const document = await create('First document');
    expect(document).toEqual({ id: expect.any(String), name: 'First document', description: null, createdBy: { id: member.globalUserId } });
    expect(await read(document.id)).toEqual(document);

    const updated = (await documents.mutate(member.principal, 'documentUpdate', { id: document.id, description: 'Described' }, `document { ${FIELDS} }`))
      .document;
    expect(updated).toEqual({ ...document, description: 'Described' });
    expect(await documents.refused(member.principal, 'documentUpdate', { id: document.id, name: ' ' })).toEqual(['DOCUMENT_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: DocumentFilter) { documents(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First document' } } },
    );
    expect(listed.data!.documents).toEqual({ totalCount: 1, nodes: [{ id: document.id }] });

    expect((await documents.mutate(member.principal, 'documentDelete', { id: document.id }, 'deletedDocumentId')).deletedDocumentId).toBe(document.id);
    expect(await read(document.id)).toBeNull();
    expect(await documents.refused(member.principal, 'documentUpdate', { id: document.id, name: 'Gone' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect((await documents.mutate(member.principal, 'documentRestore', { id: document.id }, `document { ${FIELDS} }`)).document).toEqual(updated);

    const events = await outboxEvents(database.url, 'documents', uuidOf(document.id));
    expect(events.map((event) => event.type)).toEqual(['document.created', 'document.updated', 'document.deleted', 'document.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['description'], before: { description: null }, after: { description: 'Described' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await documents.mutate(member.principal, 'documentCreate', input, 'document { id }')).document;
    const again = (await documents.mutate(member.principal, 'documentCreate', input, 'document { id }')).document;
    expect(again.id).toBe(first.id);
    expect(await documents.refused(member.principal, 'documentCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const document = await create('Doomed');
    await documents.mutate(member.principal, 'documentDelete', { id: document.id }, 'deletedDocumentId');
    expect((await documents.mutate(owner.principal, 'documentPurge', { id: document.id }, 'deletedDocumentId')).deletedDocumentId).toBe(document.id);
    expect(await documents.refused(member.principal, 'documentRestore', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'documents', uuidOf(document.id))).map((event) => event.type)).toContain('document.purged');
  });
});

describe('_entities', () => {
  it('resolves a document by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const document = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await documents.mutate(member.principal, 'documentDelete', { id: trashed.id }, 'deletedDocumentId');
    const representations = [document.id, toGlobalId('Document', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Document', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: document.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a document', async () => {
    const document = await create('Private');
    expect(await read(document.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { documents(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: document.id })).data!
        .documents,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await documents.refused(stranger.principal, 'documentUpdate', { id: document.id, name: 'Taken' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentDelete', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentRestore', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await read(document.id)).toMatchObject({ id: document.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const document = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { document(id: $id) { id } }`, { id: document.id });
    expect(answer.data!.document).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ documents { totalCount } }')).data!.documents.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { documentCreate(input: { name: "Sneaky" }) { document { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await documents.refused(guest.principal, 'documentUpdate', { id: document.id, name: 'Changed' })).toEqual(['DOCUMENT_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const document = await create('Keyed');
    const readOnly = apiKey(['documents:read']);
    expect((await query(readOnly, `query($id: ID!) { document(id: $id) { id } }`, { id: document.id })).data!.document).toEqual({ id: document.id });
    const write = await query(readOnly, 'mutation { documentCreate(input: { name: "By key" }) { document { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'documents:write' });
    const other = await query(apiKey(['tasks:read']), '{ documents { totalCount } }');
    expect(other.data?.documents ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'documents:read',
      acceptedScopes: ['documents:read', 'documents:write'],
    });
    const byKey = (await documents.mutate(apiKey(['documents:write']), 'documentCreate', { name: 'By key' }, 'document { id name }')).document;
    expect(byKey.name).toBe('By key');
  });
});
