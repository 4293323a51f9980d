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
import { filesSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const files = mutationsOf(() => harness, 'files');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([filesSubgraph], { databaseUrl: database.url });
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

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('files', text, variables, principal);
const FIELDS = 'id name description createdBy { id }';
const create = async (name: string, who: TestMember = member) => (await files.mutate(who.principal, 'fileCreate', { name }, `file { ${FIELDS} }`)).file;
const read = async (id: string, who: TestMember = member) => (await query(who.principal, `query($id: ID!) { file(id: $id) { ${FIELDS} } }`, { id })).data?.file;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on File { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('files', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const file = await create('First file');
    expect(file).toEqual({ id: expect.any(String), name: 'First file', description: null, createdBy: { id: member.globalUserId } });
    expect(await read(file.id)).toEqual(file);

    const updated = (await files.mutate(member.principal, 'fileUpdate', { id: file.id, description: 'Described' }, `file { ${FIELDS} }`)).file;
    expect(updated).toEqual({ ...file, description: 'Described' });
    expect(await files.refused(member.principal, 'fileUpdate', { id: file.id, name: ' ' })).toEqual(['FILE_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: FileFilter) { files(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First file' } } },
    );
    expect(listed.data!.files).toEqual({ totalCount: 1, nodes: [{ id: file.id }] });

    expect((await files.mutate(member.principal, 'fileDelete', { id: file.id }, 'deletedFileId')).deletedFileId).toBe(file.id);
    expect(await read(file.id)).toBeNull();
    expect(await files.refused(member.principal, 'fileUpdate', { id: file.id, name: 'Gone' })).toEqual(['FILE_NOT_FOUND']);
    expect((await files.mutate(member.principal, 'fileRestore', { id: file.id }, `file { ${FIELDS} }`)).file).toEqual(updated);

    const events = await outboxEvents(database.url, 'files', uuidOf(file.id));
    expect(events.map((event) => event.type)).toEqual(['file.created', 'file.updated', 'file.deleted', 'file.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['description'], before: { description: null }, after: { description: 'Described' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await files.mutate(member.principal, 'fileCreate', input, 'file { id }')).file;
    const again = (await files.mutate(member.principal, 'fileCreate', input, 'file { id }')).file;
    expect(again.id).toBe(first.id);
    expect(await files.refused(member.principal, 'fileCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const file = await create('Doomed');
    await files.mutate(member.principal, 'fileDelete', { id: file.id }, 'deletedFileId');
    expect((await files.mutate(owner.principal, 'filePurge', { id: file.id }, 'deletedFileId')).deletedFileId).toBe(file.id);
    expect(await files.refused(member.principal, 'fileRestore', { id: file.id })).toEqual(['FILE_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'files', uuidOf(file.id))).map((event) => event.type)).toContain('file.purged');
  });
});

describe('_entities', () => {
  it('resolves a file by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const file = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await files.mutate(member.principal, 'fileDelete', { id: trashed.id }, 'deletedFileId');
    const representations = [file.id, toGlobalId('File', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'File', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: file.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a file', async () => {
    const file = await create('Private');
    expect(await read(file.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { files(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: file.id })).data!.files,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await files.refused(stranger.principal, 'fileUpdate', { id: file.id, name: 'Taken' })).toEqual(['FILE_NOT_FOUND']);
    expect(await files.refused(stranger.principal, 'fileDelete', { id: file.id })).toEqual(['FILE_NOT_FOUND']);
    expect(await files.refused(stranger.principal, 'fileRestore', { id: file.id })).toEqual(['FILE_NOT_FOUND']);
    expect(await read(file.id)).toMatchObject({ id: file.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const file = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { file(id: $id) { id } }`, { id: file.id });
    expect(answer.data!.file).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ files { totalCount } }')).data!.files.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { fileCreate(input: { name: "Sneaky" }) { file { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await files.refused(guest.principal, 'fileUpdate', { id: file.id, name: 'Changed' })).toEqual(['FILE_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const file = await create('Keyed');
    const readOnly = apiKey(['files:read']);
    expect((await query(readOnly, `query($id: ID!) { file(id: $id) { id } }`, { id: file.id })).data!.file).toEqual({ id: file.id });
    const write = await query(readOnly, 'mutation { fileCreate(input: { name: "By key" }) { file { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'files:write' });
    const other = await query(apiKey(['tasks:read']), '{ files { totalCount } }');
    expect(other.data?.files ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'files:read', acceptedScopes: ['files:read', 'files:write'] });
    const byKey = (await files.mutate(apiKey(['files:write']), 'fileCreate', { name: 'By key' }, 'file { id name }')).file;
    expect(byKey.name).toBe('By key');
  });
});
