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
import { Document, DocumentStatus } from '../src/document/document.entity.js';
import { DOCUMENT_EXPIRY_SWEEP_JOB } from '../src/document/document.service.js';
import { documentsSubgraph } from '../src/index.js';
import type { DocumentsServices } from '../src/services.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const documents = mutationsOf(() => harness, 'documents');
const services = () => harness.servers[0]!.services as DocumentsServices;

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
const FIELDS = 'id title type status content metadata expiresAt voidReason owner { id } createdBy { id } aboutIds';
const create = async (input: Record<string, unknown>, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'documentCreate', { title: 'Untitled', ...input }, `document { ${FIELDS} }`)).document;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { document(id: $id) { ${FIELDS} } }`, { id })).data?.document;
const setStatus = (id: string, status: string, who: TestMember = member) =>
  documents.mutate(who.principal, 'documentStatusSet', { id, status }, 'document { status }');
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id title } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });
const listIds = async (filter: Record<string, unknown>, orderBy: unknown[] = [{ field: 'TITLE' }], who: TestMember = member) => {
  const answer = await query(
    who.principal,
    `query($filter: DocumentFilter, $orderBy: [DocumentOrder!]) { documents(filter: $filter, orderBy: $orderBy) { totalCount nodes { id } } }`,
    { filter, orderBy },
  );
  expect(answer.errors).toBeUndefined();
  return (answer.data!.documents.nodes as { id: string }[]).map((node) => node.id);
};

describe('documents', () => {
  it('are created as drafts, read, updated, moved to the trash and restored, each change with its event', async () => {
    const document = await create({
      title: '  Retainer agreement ',
      type: 'CONTRACT',
      content: '<section data-field="fee"><p onclick="x()">Fee: <strong>1000</strong><script>alert(1)</script></p></section>',
      metadata: { client: { tier: 'gold' } },
      expiresAt: '2031-01-01T00:00:00.000Z',
    });
    expect(document).toEqual({
      id: expect.any(String),
      title: 'Retainer agreement',
      type: 'CONTRACT',
      status: 'DRAFT',
      content: '<section data-field="fee"><p>Fee: <strong>1000</strong></p></section>',
      metadata: { client: { tier: 'gold' } },
      expiresAt: '2031-01-01T00:00:00.000Z',
      voidReason: null,
      owner: { id: member.globalUserId },
      createdBy: { id: member.globalUserId },
      aboutIds: [],
    });
    expect(await read(document.id)).toEqual(document);

    const updated = (
      await documents.mutate(
        member.principal,
        'documentUpdate',
        { id: document.id, title: 'Retainer', content: '<p>New</p>', ownerId: owner.globalUserId, expiresAt: null },
        `document { ${FIELDS} }`,
      )
    ).document;
    expect(updated).toEqual({ ...document, title: 'Retainer', content: '<p>New</p>', owner: { id: owner.globalUserId }, expiresAt: null });
    // New content is a save like documentRevise's: the original kept as revision 0, the new content revision 1.
    const history = await query(member.principal, 'query($id: ID!) { document(id: $id) { revisions { nodes { number description content } } } }', {
      id: document.id,
    });
    expect(history.data!.document.revisions.nodes).toEqual([
      { number: 1, description: 'Content updated', content: '<p>New</p>' },
      { number: 0, description: 'Original', content: document.content },
    ]);
    // Nothing changed: no event.
    await documents.mutate(member.principal, 'documentUpdate', { id: document.id, title: 'Retainer' }, 'document { id }');

    expect((await documents.mutate(member.principal, 'documentDelete', { id: document.id }, 'deletedDocumentId')).deletedDocumentId).toBe(document.id);
    expect(await read(document.id)).toBeNull();
    expect(await documents.refused(member.principal, 'documentUpdate', { id: document.id, title: 'Gone' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect((await documents.mutate(member.principal, 'documentRestore', { id: document.id }, `document { ${FIELDS} }`)).document).toEqual(updated);

    const events = await outboxEvents(database.url, 'documents', uuidOf(document.id));
    expect(events.map((event) => event.type)).toEqual(['document.created', 'document.updated', 'document.revised', 'document.deleted', 'document.restored']);
    expect(events[0]!.data).toEqual({
      after: {
        title: 'Retainer agreement',
        type: 'contract',
        status: 'draft',
        expiresAt: '2031-01-01T00:00:00.000Z',
        ownerId: member.userId,
        aboutIds: [],
        metadata: { client: { tier: 'gold' } },
      },
    });
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: {
        fields: ['title', 'expiresAt', 'ownerId', 'content'],
        before: { title: 'Retainer agreement', expiresAt: '2031-01-01T00:00:00.000Z', ownerId: member.userId },
        after: { title: 'Retainer', expiresAt: null, ownerId: owner.userId },
        title: 'Retainer',
      },
    });
  });

  it('refuses malformed input, a guest or stranger as owner, and unknown objects, leaving nothing behind', async () => {
    const before = await listIds({});
    expect(await documents.refused(member.principal, 'documentCreate', { title: ' ' })).toEqual(['DOCUMENT_INVALID_INPUT']);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'x'.repeat(301) })).toEqual(['DOCUMENT_INVALID_INPUT']);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'Deep', metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'Big', metadata: { blob: 'x'.repeat(17_000) } })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'Huge', content: '<p>' + 'x'.repeat(600_000) + '</p>' })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'Guest owned', ownerId: guest.globalUserId })).toEqual([
      'DOCUMENT_OWNER_NOT_MEMBER',
    ]);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'Stranger owned', ownerId: stranger.globalUserId })).toEqual([
      'DOCUMENT_OWNER_NOT_MEMBER',
    ]);
    expect(await documents.refused(member.principal, 'documentCreate', { title: 'About nothing', aboutIds: ['not-a-global-id'] })).toEqual([
      'DOCUMENT_ABOUT_NOT_FOUND',
    ]);
    expect(await listIds({})).toEqual(before);
  });

  it('creates once per idempotency key', async () => {
    const input = { title: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await documents.mutate(member.principal, 'documentCreate', input, 'document { id }')).document;
    const again = (await documents.mutate(member.principal, 'documentCreate', input, 'document { id }')).document;
    expect(again.id).toBe(first.id);
    expect(await documents.refused(member.principal, 'documentCreate', { ...input, title: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const document = await create({ title: 'Doomed' });
    await documents.mutate(member.principal, 'documentDelete', { id: document.id }, 'deletedDocumentId');
    expect((await documents.mutate(owner.principal, 'documentPurge', { id: document.id }, 'deletedDocumentId')).deletedDocumentId).toBe(document.id);
    expect(await documents.refused(member.principal, 'documentRestore', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'documents', uuidOf(document.id))).map((event) => event.type)).toContain('document.purged');
  });
});

describe('status', () => {
  it('moves along the allowed transitions only, with document.status_changed, and freezes what is void', async () => {
    const document = await create({ title: 'Proposal', type: 'PROPOSAL' });
    expect((await setStatus(document.id, 'INTERNAL_REVIEW')).document.status).toBe('INTERNAL_REVIEW');
    expect((await setStatus(document.id, 'DRAFT')).document.status).toBe('DRAFT');
    expect(await documents.refused(member.principal, 'documentStatusSet', { id: document.id, status: 'DRAFT' })).toEqual(['DOCUMENT_INVALID_TRANSITION']);
    expect((await setStatus(document.id, 'SENT')).document.status).toBe('SENT');
    // SIGNED and EXPIRED are the system's; VOID takes a reason.
    for (const status of ['SIGNED', 'EXPIRED', 'VOID']) {
      expect(await documents.refused(member.principal, 'documentStatusSet', { id: document.id, status })).toEqual(['DOCUMENT_INVALID_TRANSITION']);
    }
    expect(await documents.refused(member.principal, 'documentVoid', { id: document.id, reason: ' ' })).toEqual(['DOCUMENT_INVALID_INPUT']);
    const voided = (await documents.mutate(member.principal, 'documentVoid', { id: document.id, reason: 'Client withdrew' }, `document { ${FIELDS} }`))
      .document;
    expect(voided).toMatchObject({ status: 'VOID', voidReason: 'Client withdrew' });
    expect(await documents.refused(member.principal, 'documentVoid', { id: document.id, reason: 'Again' })).toEqual(['DOCUMENT_INVALID_TRANSITION']);
    expect(await documents.refused(member.principal, 'documentStatusSet', { id: document.id, status: 'DRAFT' })).toEqual(['DOCUMENT_INVALID_TRANSITION']);
    expect(await documents.refused(member.principal, 'documentUpdate', { id: document.id, content: '<p>Changed</p>' })).toEqual(['DOCUMENT_LOCKED']);
    // What is not frozen still changes.
    await documents.mutate(member.principal, 'documentUpdate', { id: document.id, metadata: { archivedBox: 3 } }, 'document { id }');

    const events = (await outboxEvents(database.url, 'documents', uuidOf(document.id))).filter((event) => event.type !== 'document.updated');
    expect(events.map((event) => [event.type, event.data.from ?? null, event.data.to ?? null, event.data.cause ?? null])).toEqual([
      ['document.created', null, null, null],
      ['document.status_changed', 'draft', 'internal_review', 'manual'],
      ['document.status_changed', 'internal_review', 'draft', 'manual'],
      ['document.status_changed', 'draft', 'sent', 'manual'],
      ['document.status_changed', 'sent', 'void', 'manual'],
      ['document.voided', 'sent', null, null],
    ]);
    expect(events.at(-1)!.data).toEqual({ from: 'sent', reason: 'Client withdrew', title: 'Proposal', ownerId: member.userId });
  });

  it('expires sent and signed documents whose expiry passed, once, in every organization, by the daily job', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const lapsed = await create({ title: 'Lapsed', expiresAt: past });
    const theirs = await create({ title: 'Theirs lapsed', expiresAt: past }, stranger);
    const draft = await create({ title: 'Draft lapsed', expiresAt: past });
    const future = await create({ title: 'Still valid', expiresAt: '2099-01-01T00:00:00.000Z' });
    await setStatus(lapsed.id, 'SENT');
    await setStatus(theirs.id, 'SENT', stranger);
    await setStatus(future.id, 'SENT');
    // Signed by the signature provider in real life: the service's one transition method.
    await services().db.transaction({ orgId: owner.orgId, userId: null }, async (em) => {
      const row = await em.findOneByOrFail(Document, { id: uuidOf(lapsed.id) });
      await services().documents.transition(em, row, DocumentStatus.SIGNED, 'signature');
    });

    await harness.servers[0]!.runtime.jobs.enqueue(DOCUMENT_EXPIRY_SWEEP_JOB, {}, { jobId: `expiry-${uuidv7()}` });
    await expect.poll(async () => (await read(lapsed.id))?.status).toBe('EXPIRED');
    expect((await read(theirs.id, stranger)).status).toBe('EXPIRED');
    expect((await read(draft.id)).status).toBe('DRAFT');
    expect((await read(future.id)).status).toBe('SENT');
    expect(await services().documents.expireLapsed()).toBe(0);

    const events = await outboxEvents(database.url, 'documents', uuidOf(lapsed.id));
    expect(events.slice(-3).map((event) => [event.type, event.actor_id, event.data])).toEqual([
      ['document.status_changed', null, { from: 'sent', to: 'signed', cause: 'signature', title: 'Lapsed', ownerId: member.userId }],
      ['document.status_changed', null, { from: 'signed', to: 'expired', cause: 'expiry', title: 'Lapsed', ownerId: member.userId }],
      ['document.expired', null, { from: 'signed', expiresAt: past, title: 'Lapsed', ownerId: member.userId }],
    ]);
    expect(await documents.refused(member.principal, 'documentUpdate', { id: lapsed.id, title: 'Renamed' })).toEqual(['DOCUMENT_LOCKED']);
  });
});

describe('list', () => {
  it('filters by type, status, owner, expiry, creation and title, and orders', async () => {
    const tag = uuidv7().slice(-6);
    const nda = await create({ title: `${tag} A NDA`, type: 'NDA', expiresAt: '2030-01-01T00:00:00.000Z' });
    const sow = await create({ title: `${tag} B SOW`, type: 'SOW', expiresAt: '2030-06-01T00:00:00.000Z', ownerId: owner.globalUserId });
    const template = await create({ title: `${tag} C Template`, type: 'TEMPLATE' });
    await setStatus(sow.id, 'CLIENT_REVIEW');
    const mine = { title: { startsWith: tag } };

    expect(await listIds(mine)).toEqual([nda.id, sow.id, template.id]);
    expect(await listIds({ ...mine, type: { in: ['NDA', 'SOW'] } })).toEqual([nda.id, sow.id]);
    expect(await listIds({ ...mine, status: { eq: 'CLIENT_REVIEW' } })).toEqual([sow.id]);
    expect(await listIds({ ...mine, status: { neq: 'CLIENT_REVIEW' }, type: { neq: 'TEMPLATE' } })).toEqual([nda.id]);
    expect(await listIds({ ...mine, ownerId: { eq: owner.globalUserId } })).toEqual([sow.id]);
    expect(await listIds({ ...mine, expiresAt: { lt: '2030-03-01T00:00:00.000Z' } })).toEqual([nda.id]);
    expect(await listIds({ ...mine, expiresAt: { gte: '2030-03-01T00:00:00.000Z' } })).toEqual([sow.id]);
    expect(await listIds({ ...mine, expiresAt: { isNull: true } })).toEqual([template.id]);
    expect(await listIds({ ...mine, createdAt: { gte: new Date(Date.now() - 3_600_000).toISOString() }, title: { contains: 'SOW' } })).toEqual([sow.id]);
    expect(await listIds({ ...mine, or: [{ type: { eq: 'NDA' } }, { type: { eq: 'TEMPLATE' } }] })).toEqual([nda.id, template.id]);
    expect(await listIds({ ...mine, aboutId: { eq: toGlobalId('Contact', uuidv7()) } })).toEqual([]);
    expect(await listIds(mine, [{ field: 'EXPIRES_AT', direction: 'DESC' }])).toEqual([template.id, sow.id, nda.id]);
    expect(await listIds(mine, [{ field: 'STATUS_CHANGED_AT', direction: 'DESC' }])).toEqual(expect.arrayContaining([sow.id]));
  });
});

describe('_entities', () => {
  it('resolves a document by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const document = await create({ title: 'Referenced' });
    const theirs = await create({ title: 'Theirs' }, stranger);
    const trashed = await create({ title: 'Trashed' });
    await documents.mutate(member.principal, 'documentDelete', { id: trashed.id }, 'deletedDocumentId');
    const representations = [document.id, toGlobalId('Document', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Document', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: document.id, title: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, moving, voiding, deleting or restoring a document', async () => {
    const document = await create({ title: 'Private' });
    expect(await read(document.id, stranger)).toBeNull();
    expect(await listIds({ id: { eq: document.id } }, [], stranger)).toEqual([]);
    expect(await documents.refused(stranger.principal, 'documentUpdate', { id: document.id, title: 'Taken' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentStatusSet', { id: document.id, status: 'SENT' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentVoid', { id: document.id, reason: 'Mine now' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentDelete', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentRestore', { id: document.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await read(document.id)).toMatchObject({ id: document.id, title: 'Private', status: 'DRAFT' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const document = await create({ title: 'Members only' });
    const answer = await query(guest.principal, `query($id: ID!) { document(id: $id) { id } }`, { id: document.id });
    expect(answer.data!.document).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ documents { totalCount } }')).data!.documents.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { documentCreate(input: { title: "Sneaky" }) { document { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await documents.refused(guest.principal, 'documentUpdate', { id: document.id, title: 'Changed' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'documentStatusSet', { id: document.id, status: 'SENT' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'documentVoid', { id: document.id, reason: 'No' })).toEqual(['DOCUMENT_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const document = await create({ title: 'Keyed' });
    const readOnly = apiKey(['documents:read']);
    expect((await query(readOnly, `query($id: ID!) { document(id: $id) { id } }`, { id: document.id })).data!.document).toEqual({ id: document.id });
    const write = await query(readOnly, 'mutation { documentCreate(input: { title: "By key" }) { document { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'documents:write' });
    const other = await query(apiKey(['tasks:read']), '{ documents { totalCount } }');
    expect(other.data?.documents ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'documents:read',
      acceptedScopes: ['documents:read', 'documents:write'],
    });
    const byKey = (await documents.mutate(apiKey(['documents:write']), 'documentCreate', { title: 'By key' }, 'document { id title }')).document;
    expect(byKey.title).toBe('By key');
  });
});
