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
import { notesSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const notes = mutationsOf(() => harness, 'notes');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([notesSubgraph], { databaseUrl: database.url });
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

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('notes', text, variables, principal);
const FIELDS = 'id name description createdBy { id }';
const create = async (name: string, who: TestMember = member) => (await notes.mutate(who.principal, 'noteCreate', { name }, `note { ${FIELDS} }`)).note;
const read = async (id: string, who: TestMember = member) => (await query(who.principal, `query($id: ID!) { note(id: $id) { ${FIELDS} } }`, { id })).data?.note;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('notes', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const note = await create('First note');
    expect(note).toEqual({ id: expect.any(String), name: 'First note', description: null, createdBy: { id: member.globalUserId } });
    expect(await read(note.id)).toEqual(note);

    const updated = (await notes.mutate(member.principal, 'noteUpdate', { id: note.id, description: 'Described' }, `note { ${FIELDS} }`)).note;
    expect(updated).toEqual({ ...note, description: 'Described' });
    expect(await notes.refused(member.principal, 'noteUpdate', { id: note.id, name: ' ' })).toEqual(['NOTE_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: NoteFilter) { notes(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First note' } } },
    );
    expect(listed.data!.notes).toEqual({ totalCount: 1, nodes: [{ id: note.id }] });

    expect((await notes.mutate(member.principal, 'noteDelete', { id: note.id }, 'deletedNoteId')).deletedNoteId).toBe(note.id);
    expect(await read(note.id)).toBeNull();
    expect(await notes.refused(member.principal, 'noteUpdate', { id: note.id, name: 'Gone' })).toEqual(['NOTE_NOT_FOUND']);
    expect((await notes.mutate(member.principal, 'noteRestore', { id: note.id }, `note { ${FIELDS} }`)).note).toEqual(updated);

    const events = await outboxEvents(database.url, 'notes', uuidOf(note.id));
    expect(events.map((event) => event.type)).toEqual(['note.created', 'note.updated', 'note.deleted', 'note.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['description'], before: { description: null }, after: { description: 'Described' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await notes.mutate(member.principal, 'noteCreate', input, 'note { id }')).note;
    const again = (await notes.mutate(member.principal, 'noteCreate', input, 'note { id }')).note;
    expect(again.id).toBe(first.id);
    expect(await notes.refused(member.principal, 'noteCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const note = await create('Doomed');
    await notes.mutate(member.principal, 'noteDelete', { id: note.id }, 'deletedNoteId');
    expect((await notes.mutate(owner.principal, 'notePurge', { id: note.id }, 'deletedNoteId')).deletedNoteId).toBe(note.id);
    expect(await notes.refused(member.principal, 'noteRestore', { id: note.id })).toEqual(['NOTE_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'notes', uuidOf(note.id))).map((event) => event.type)).toContain('note.purged');
  });
});

describe('_entities', () => {
  it('resolves a note by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const note = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await notes.mutate(member.principal, 'noteDelete', { id: trashed.id }, 'deletedNoteId');
    const representations = [note.id, toGlobalId('Note', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Note', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: note.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a note', async () => {
    const note = await create('Private');
    expect(await read(note.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { notes(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: note.id })).data!.notes,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await notes.refused(stranger.principal, 'noteUpdate', { id: note.id, name: 'Taken' })).toEqual(['NOTE_NOT_FOUND']);
    expect(await notes.refused(stranger.principal, 'noteDelete', { id: note.id })).toEqual(['NOTE_NOT_FOUND']);
    expect(await notes.refused(stranger.principal, 'noteRestore', { id: note.id })).toEqual(['NOTE_NOT_FOUND']);
    expect(await read(note.id)).toMatchObject({ id: note.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const note = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { note(id: $id) { id } }`, { id: note.id });
    expect(answer.data!.note).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ notes { totalCount } }')).data!.notes.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { noteCreate(input: { name: "Sneaky" }) { note { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await notes.refused(guest.principal, 'noteUpdate', { id: note.id, name: 'Changed' })).toEqual(['NOTE_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const note = await create('Keyed');
    const readOnly = apiKey(['notes:read']);
    expect((await query(readOnly, `query($id: ID!) { note(id: $id) { id } }`, { id: note.id })).data!.note).toEqual({ id: note.id });
    const write = await query(readOnly, 'mutation { noteCreate(input: { name: "By key" }) { note { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'notes:write' });
    const other = await query(apiKey(['tasks:read']), '{ notes { totalCount } }');
    expect(other.data?.notes ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'notes:read', acceptedScopes: ['notes:read', 'notes:write'] });
    const byKey = (await notes.mutate(apiKey(['notes:write']), 'noteCreate', { name: 'By key' }, 'note { id name }')).note;
    expect(byKey.name).toBe('By key');
  });
});
