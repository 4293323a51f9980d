import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  addToTeam,
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
let author: TestMember;
let teammate: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;
const teamId = uuidv7();

const notes = mutationsOf(() => harness, 'notes');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([notesSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  // Roles and teams are granted before anyone asks: the harness's processes cache an organization's policies.
  author = await testMember(database.url, 'member', owner.orgId);
  teammate = await testMember(database.url, 'member', owner.orgId);
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
  await addToTeam(database.url, owner.orgId, teammate.userId, teamId);
  await addToTeam(database.url, owner.orgId, guest.userId, teamId);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('notes', text, variables, principal);
const FIELDS = 'id title body text excerpt revision visibility pinned archivedAt author { id } viewerCanEdit';
const doc = (...paragraphs: unknown[][]) => ({ type: 'doc', content: paragraphs.map((content) => ({ type: 'paragraph', content })) });
const words = (value: string) => ({ type: 'text', text: value });
const mention = (user: TestMember) => ({ type: 'mention', attrs: { id: user.globalUserId, label: 'someone' } });
const create = async (input: Record<string, unknown>, who: TestMember = author) =>
  (await notes.mutate(who.principal, 'noteCreate', input, `note { ${FIELDS} }`)).note;
const read = async (id: string, who: TestMember = author) => (await query(who.principal, `query($id: ID!) { note(id: $id) { ${FIELDS} } }`, { id })).data?.note;
const listed = async (who: TestMember, filter: Record<string, unknown>) =>
  (await query(who.principal, `query($filter: NoteFilter) { notes(filter: $filter) { totalCount nodes { id } } }`, { filter })).data!.notes;
/** The mutations whose input is not named after them: noteDelete/noteRestore take NoteIdInput, noteAttach/noteDetach NoteAboutInput. */
const INPUT_TYPES: Record<string, string> = {
  noteDelete: 'NoteIdInput',
  noteRestore: 'NoteIdInput',
  noteAttach: 'NoteAboutInput',
  noteDetach: 'NoteAboutInput',
};
const inputTypeOf = (field: string) => INPUT_TYPES[field] ?? `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
const send = (who: TestMember, field: string, input: Record<string, unknown>, selection = 'note { id }') =>
  query(who.principal, `mutation($input: ${inputTypeOf(field)}!) { ${field}(input: $input) { ${selection} userErrors { code } } }`, { input });
const mutate = async (who: TestMember, field: string, input: Record<string, unknown>, selection = 'note { id }') => {
  const answer = await send(who, field, input, selection);
  expect(answer.errors).toBeUndefined();
  expect(answer.data![field].userErrors).toEqual([]);
  return answer.data![field].note;
};
const refused = async (who: TestMember, field: string, input: Record<string, unknown>) => {
  const answer = await send(who, field, input);
  expect(answer.errors).toBeUndefined();
  return answer.data![field].userErrors.map((error: { code: string }) => error.code);
};
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { id title } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('notes', () => {
  it('are written with a sanitized body, its text and revision 1, private by default', async () => {
    const note = await create({ title: 'Plan', body: doc([words('Hello '), { type: 'script', text: 'x' }, words('world')]) });
    expect(note).toEqual({
      id: expect.any(String),
      title: 'Plan',
      body: doc([words('Hello '), words('world')]),
      text: 'Hello world',
      excerpt: 'Hello world',
      revision: 1,
      visibility: 'PRIVATE',
      pinned: false,
      archivedAt: null,
      author: { id: author.globalUserId },
      viewerCanEdit: true,
    });
    expect(await read(note.id)).toEqual(note);
    expect(await notes.refused(author.principal, 'noteCreate', { title: 'Bad', body: { type: 'paragraph' } })).toEqual(['NOTE_INVALID_INPUT']);
    expect(await notes.refused(author.principal, 'noteCreate', { title: 'x'.repeat(201) })).toEqual(['NOTE_INVALID_INPUT']);
  });

  it('keep a revision per save of title or body, list them newest first and restore one as a new revision', async () => {
    const note = await create({ title: 'v1', body: doc([words('first')]) });
    await notes.mutate(author.principal, 'noteUpdate', { id: note.id, body: doc([words('second')]), expectedRevision: 1 }, 'note { id }');
    const pinned = (await notes.mutate(author.principal, 'noteUpdate', { id: note.id, pinned: true }, 'note { revision pinned }')).note;
    expect(pinned).toEqual({ revision: 2, pinned: true });
    expect(await notes.refused(author.principal, 'noteUpdate', { id: note.id, title: 'stale', expectedRevision: 1 })).toEqual(['NOTE_REVISION_CONFLICT']);
    await notes.mutate(author.principal, 'noteUpdate', { id: note.id, title: 'v3', expectedRevision: 2 }, 'note { id }');

    const revisions = async () =>
      (
        await query(author.principal, `query($id: ID!) { note(id: $id) { revisions { totalCount nodes { number title text author { id } } } } }`, {
          id: note.id,
        })
      ).data!.note.revisions;
    expect(await revisions()).toEqual({
      totalCount: 3,
      nodes: [
        { number: 3, title: 'v3', text: 'second', author: { id: author.globalUserId } },
        { number: 2, title: 'v1', text: 'second', author: { id: author.globalUserId } },
        { number: 1, title: 'v1', text: 'first', author: { id: author.globalUserId } },
      ],
    });
    const restored = (await notes.mutate(author.principal, 'noteRevisionRestore', { id: note.id, number: 1 }, 'note { title text revision }')).note;
    expect(restored).toEqual({ title: 'v1', text: 'first', revision: 4 });
    expect((await revisions()).nodes[0]).toMatchObject({ number: 4, title: 'v1', text: 'first' });
    expect(await notes.refused(author.principal, 'noteRevisionRestore', { id: note.id, number: 9 })).toEqual(['NOTE_REVISION_NOT_FOUND']);

    const archived = (await notes.mutate(author.principal, 'noteUpdate', { id: note.id, archived: true }, 'note { archivedAt revision }')).note;
    expect(archived).toEqual({ archivedAt: expect.any(String), revision: 4 });
    expect((await listed(author, { id: { eq: note.id }, archived: { eq: true } })).totalCount).toBe(1);
    expect((await listed(author, { id: { eq: note.id }, archivedAt: { isNull: true } })).totalCount).toBe(0);

    const events = await outboxEvents(database.url, 'notes', uuidOf(note.id));
    expect(events.map((event) => event.type)).toEqual([
      'note.created',
      'note.updated',
      'note.updated',
      'note.updated',
      'note.updated',
      'note.updated',
      'note.archived',
    ]);
    expect(events[4]!.data).toMatchObject({ restoredFrom: 1, after: { revision: 4 } });
  });

  it('are moved to the trash and restored by their author, and listed pinned first', async () => {
    const note = await create({ title: 'Trash me' });
    const deleted = await mutate(author, 'noteDelete', { id: note.id }, 'note { id deletedAt }');
    expect(deleted).toEqual({ id: note.id, deletedAt: expect.any(String) });
    expect(await read(note.id)).toBeNull();
    expect(await notes.refused(author.principal, 'noteUpdate', { id: note.id, title: 'Gone' })).toEqual(['NOTE_NOT_FOUND']);
    expect(await mutate(author, 'noteRestore', { id: note.id }, 'note { id deletedAt }')).toEqual({ id: note.id, deletedAt: null });
    const events = await outboxEvents(database.url, 'notes', uuidOf(note.id));
    expect(events.map((event) => event.type)).toEqual(['note.created', 'note.deleted', 'note.restored']);

    const pinned = await create({ title: 'Pinned', pinned: true });
    const first = (await query(author.principal, '{ notes(first: 1) { nodes { id } } }')).data!.notes.nodes[0];
    expect(first).toEqual({ id: pinned.id });
  });

  it('creates once per idempotency key', async () => {
    const input = { title: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = await create(input);
    expect((await create(input)).id).toBe(first.id);
    expect(await notes.refused(author.principal, 'noteCreate', { ...input, title: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('announce newly mentioned readers once, and never a mention of someone who cannot read the note', async () => {
    const note = await create({ title: 'Mentions', visibility: 'ORGANIZATION', body: doc([mention(member), mention(guest)]) });
    await notes.mutate(author.principal, 'noteUpdate', { id: note.id, body: doc([mention(member), mention(teammate), words('!')]) }, 'note { id }');
    const mentioned = async (user: TestMember) => (await outboxEvents(database.url, 'notes', user.userId)).filter((event) => event.type === 'note.mentioned');
    expect((await mentioned(member)).map((event) => event.data)).toEqual([{ noteId: uuidOf(note.id), title: 'Mentions', excerpt: '@someone@someone' }]);
    expect(await mentioned(teammate)).toHaveLength(1);
    // The guest does not read organization-wide notes.
    expect(await mentioned(guest)).toEqual([]);
  });
});

describe('sharing', () => {
  it('PRIVATE: the author only, not even an owner; not counted in lists', async () => {
    const note = await create({ title: 'Mine' });
    for (const other of [owner, member, teammate]) {
      const answer = await query(other.principal, `query($id: ID!) { note(id: $id) { id } }`, { id: note.id });
      expect(answer.data!.note).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await listed(other, { id: { eq: note.id } })).toEqual({ totalCount: 0, nodes: [] });
    }
    expect(await listed(author, { id: { eq: note.id } })).toEqual({ totalCount: 1, nodes: [{ id: note.id }] });
  });

  it('ORGANIZATION: every member but guests; TEAM: its members; USERS: the listed users', async () => {
    const org = await create({ title: 'All', visibility: 'ORGANIZATION' });
    const team = await create({ title: 'Team', visibility: 'TEAM', teamId: toGlobalId('Team', teamId) });
    const users = await create({ title: 'Users', visibility: 'USERS', sharedWithIds: [member.globalUserId] });
    const ids = [org.id, team.id, users.id];
    const readable = async (who: TestMember) => (await listed(who, { id: { in: ids } })).nodes.map((node: { id: string }) => node.id).sort();
    expect(await readable(member)).toEqual([org.id, users.id].sort());
    expect(await readable(teammate)).toEqual([org.id, team.id].sort());
    expect(await readable(guest)).toEqual([team.id]);
    expect(await readable(owner)).toEqual([org.id]);
    expect((await read(users.id, member))?.viewerCanEdit).toBe(false);

    // An unknown team is asked of the graph: test/graph.e2e.test.ts.
    expect(await notes.refused(author.principal, 'noteCreate', { title: 'x', visibility: 'USERS', sharedWithIds: [stranger.globalUserId] })).toEqual([
      'NOTE_USER_NOT_MEMBER',
    ]);

    const shared = (
      await notes.mutate(
        author.principal,
        'noteShare',
        { id: team.id, visibility: 'USERS', userIds: [owner.globalUserId] },
        'note { visibility sharedWith { id } team { id } }',
      )
    ).note;
    expect(shared).toEqual({ visibility: 'USERS', sharedWith: [{ id: owner.globalUserId }], team: null });
    expect(await readable(teammate)).toEqual([org.id]);
    expect((await outboxEvents(database.url, 'notes', uuidOf(team.id))).map((event) => event.type)).toEqual(['note.created', 'note.shared']);
  });

  it('refuses a reader who is not the author any change', async () => {
    const note = await create({ title: 'Read only', visibility: 'ORGANIZATION' });
    for (const [field, input] of [
      ['noteUpdate', { id: note.id, title: 'Mine now' }],
      ['noteShare', { id: note.id, visibility: 'PRIVATE' }],
      ['noteDelete', { id: note.id }],
      ['noteRevisionRestore', { id: note.id, number: 1 }],
    ] as const) {
      const answer = await send(member, field, input);
      expect(answer.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
    // One that cannot even read it is told it does not exist.
    const secret = await create({ title: 'Secret' });
    expect(await notes.refused(member.principal, 'noteUpdate', { id: secret.id, title: 'x' })).toEqual(['NOTE_NOT_FOUND']);
    expect(await refused(member, 'noteDelete', { id: secret.id })).toEqual(['NOTE_NOT_FOUND']);
  });

  it('lets an API key read organization-wide notes within its scopes only', async () => {
    const shared = await create({ title: 'Shared', visibility: 'ORGANIZATION' });
    const mine = await create({ title: 'Mine' });
    const readOnly = apiKey(['notes:read']);
    expect((await query(readOnly, `query($id: ID!) { note(id: $id) { id } }`, { id: shared.id })).data!.note).toEqual({ id: shared.id });
    expect((await query(readOnly, `query($id: ID!) { note(id: $id) { id } }`, { id: mine.id })).data!.note).toBeNull();
    const other = await query(apiKey(['tasks:read']), '{ notes { totalCount } }');
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'notes:read' });
  });
});

describe('_entities', () => {
  it('resolves a readable note by reference; null for an unknown id, another organization’s or one in the trash; FORBIDDEN for a private one', async () => {
    const note = await create({ title: 'Referenced', visibility: 'ORGANIZATION' });
    const theirs = await create({ title: 'Theirs' }, stranger);
    const trashed = await create({ title: 'Trashed' });
    await mutate(author, 'noteDelete', { id: trashed.id }, 'note { id }');
    const representations = [note.id, toGlobalId('Note', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Note', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: note.id, title: 'Referenced' }, null, null, null]);
    const hidden = await query(member.principal, ENTITIES, { r: [{ __typename: 'Note', id: (await create({ title: 'Hidden' })).id }] });
    expect(hidden.data!._entities).toEqual([null]);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring a note, whatever its sharing', async () => {
    const note = await create({ title: 'Ours', visibility: 'ORGANIZATION' });
    expect(await read(note.id, stranger)).toBeNull();
    expect(await listed(stranger, { id: { eq: note.id } })).toEqual({ totalCount: 0, nodes: [] });
    expect(await notes.refused(stranger.principal, 'noteUpdate', { id: note.id, title: 'Taken' })).toEqual(['NOTE_NOT_FOUND']);
    expect(await refused(stranger, 'noteDelete', { id: note.id })).toEqual(['NOTE_NOT_FOUND']);
    expect(await refused(stranger, 'noteRestore', { id: note.id })).toEqual(['NOTE_NOT_FOUND']);
    expect(await notes.refused(stranger.principal, 'noteShare', { id: note.id, visibility: 'PRIVATE' })).toEqual(['NOTE_NOT_FOUND']);
    expect(await read(note.id)).toMatchObject({ id: note.id, title: 'Ours' });
  });
});
