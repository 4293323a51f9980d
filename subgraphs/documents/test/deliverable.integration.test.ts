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
import { catalog } from '../../../scripts/runtime/catalog.js';
import { markSignedContract } from '../../../scripts/testing/documents.js';
import { DELIVERABLE_PACE_JOB } from '../src/deliverable/deliverable.service.js';
import { documentsSubgraph } from '../src/index.js';
import type { DocumentsServices } from '../src/services.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const documents = mutationsOf(() => harness, 'documents');
const server = () => harness.servers.find((s) => s.name === 'documents')!;

beforeAll(async () => {
  database = await createTestDatabase();
  // Notifications routes `deliverable.behind_pace` to the deliverable's owner.
  harness = await startTestSubgraphs([documentsSubgraph, catalog.notifications!], { databaseUrl: database.url });
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

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const FIELDS = 'id title quantity frequency platform startDate dueDate progress expectedProgress onTrack owner { id } document { id }';
const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Deliverable { id title } } }';

/** A document of `who`'s organization; `signedDaysAgo`: a signed contract (the signature flow is the signatures' tests' business). */
async function contract(who: TestMember, signedDaysAgo: number | null = 0, type: 'contract' | 'sow' | 'proposal' = 'contract'): Promise<string> {
  const id = (await documents.mutate(who.principal, 'documentCreate', { title: `Contract ${uuidv7()}` }, 'document { id }')).document.id as string;
  if (signedDaysAgo !== null) await markSignedContract(database.url, id, signedDaysAgo, type);
  return id;
}
const create = async (documentId: string, input: Record<string, unknown> = {}, who: TestMember = member) =>
  (
    await documents.mutate(
      who.principal,
      'deliverableCreate',
      { documentId, title: 'Instagram posts', quantity: 12, frequency: 'MONTHLY', dueDate: day(330), ...input },
      `deliverable { ${FIELDS} }`,
    )
  ).deliverable;
const eventsOf = async (id: string) => (await outboxEvents(database.url, 'documents', uuidOf(id))).map((event) => event.type);

describe('deliverables', () => {
  it('are recorded only on a signed contract or SOW, and listed, filtered and ordered on it', async () => {
    const draft = await contract(member, null);
    const input = { documentId: draft, title: 'Posts', quantity: 4, frequency: 'WEEKLY', dueDate: day(30) };
    expect(await documents.refused(member.principal, 'deliverableCreate', input)).toEqual(['DOCUMENT_NOT_SIGNED_CONTRACT']);
    const proposal = await contract(member, 0, 'proposal');
    expect(await documents.refused(member.principal, 'deliverableCreate', { ...input, documentId: proposal })).toEqual(['DOCUMENT_NOT_SIGNED_CONTRACT']);

    const signed = await contract(member, 3);
    const posts = await create(signed, { platform: 'Instagram', ownerId: owner.globalUserId });
    expect(posts).toEqual({
      id: expect.any(String),
      title: 'Instagram posts',
      quantity: 12,
      frequency: 'MONTHLY',
      platform: 'Instagram',
      startDate: day(-3),
      dueDate: day(330),
      progress: 0,
      expectedProgress: 0,
      onTrack: true,
      owner: { id: owner.globalUserId },
      document: { id: signed },
    });
    const sow = await contract(member, 0, 'sow');
    expect((await create(sow, { title: 'Report', frequency: 'ONCE', dueDate: day(10) })).owner).toEqual({ id: member.globalUserId });
    const video = await create(signed, { title: 'Video', quantity: 1, frequency: 'ONCE', dueDate: day(20), platform: 'YouTube' });

    expect(await documents.refused(member.principal, 'deliverableCreate', { ...input, documentId: signed, dueDate: day(-10) })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'deliverableCreate', { ...input, documentId: signed, quantity: 0, title: ' ' })).toEqual([
      'DOCUMENT_INVALID_INPUT',
      'DOCUMENT_INVALID_INPUT',
    ]);
    expect(await documents.refused(member.principal, 'deliverableCreate', { ...input, documentId: signed, ownerId: stranger.globalUserId })).toEqual([
      'DOCUMENT_DELIVERABLE_OWNER_NOT_MEMBER',
    ]);

    const list = async (args: string) =>
      (await query(member.principal, `query($id: ID!) { document(id: $id) { deliverables${args} { totalCount nodes { title } } } }`, { id: signed })).data!
        .document.deliverables;
    expect(await list('')).toEqual({ totalCount: 2, nodes: [{ title: 'Video' }, { title: 'Instagram posts' }] });
    expect(await list('(orderBy: [{ field: TITLE, direction: DESC }])')).toEqual({ totalCount: 2, nodes: [{ title: 'Video' }, { title: 'Instagram posts' }] });
    expect(await list('(filter: { platform: { eq: "Instagram" }, onTrack: { eq: true } })')).toEqual({ totalCount: 1, nodes: [{ title: 'Instagram posts' }] });
    expect(await list(`(filter: { frequency: { eq: ONCE }, dueDate: { lt: "${day(25)}" } }, first: 1)`)).toEqual({
      totalCount: 1,
      nodes: [{ title: 'Video' }],
    });

    expect(await eventsOf(posts.id)).toEqual(['deliverable.created']);
    expect((await documents.mutate(member.principal, 'deliverableDelete', { id: video.id }, 'deletedDeliverableId')).deletedDeliverableId).toBe(video.id);
    expect(await documents.refused(member.principal, 'deliverableProgressRecord', { id: video.id, progress: 1 })).toEqual(['DOCUMENT_DELIVERABLE_NOT_FOUND']);
    expect(await eventsOf(video.id)).toEqual(['deliverable.created', 'deliverable.deleted']);
  });

  it('record progress and changes, checking the pace at each', async () => {
    const signed = await contract(member, 0);
    // Six weekly installments from three weeks ago: three are late, so half the quantity is expected.
    const late = await create(signed, { quantity: 6, frequency: 'WEEKLY', startDate: day(-21), dueDate: day(20) });
    expect(late).toMatchObject({ onTrack: false, expectedProgress: 3 });
    const recorded = await documents.mutate(member.principal, 'deliverableProgressRecord', { id: late.id, progress: 3 }, `deliverable { ${FIELDS} }`);
    expect(recorded.deliverable).toMatchObject({ progress: 3, onTrack: true });
    expect(await documents.refused(member.principal, 'deliverableProgressRecord', { id: late.id, progress: 7 })).toEqual([
      'DOCUMENT_DELIVERABLE_PROGRESS_ABOVE_QUANTITY',
    ]);
    expect(await documents.refused(member.principal, 'deliverableProgressRecord', { id: late.id, progress: -1 })).toEqual(['DOCUMENT_INVALID_INPUT']);
    expect(await documents.refused(member.principal, 'deliverableUpdate', { id: late.id, quantity: 1 })).toEqual([
      'DOCUMENT_DELIVERABLE_PROGRESS_ABOVE_QUANTITY',
    ]);
    const updated = await documents.mutate(
      member.principal,
      'deliverableUpdate',
      { id: late.id, quantity: 12, platform: 'TikTok' },
      `deliverable { ${FIELDS} }`,
    );
    expect(updated.deliverable).toMatchObject({ quantity: 12, platform: 'TikTok', expectedProgress: 6, onTrack: false });

    const events = await outboxEvents(database.url, 'documents', uuidOf(late.id));
    expect(events.map((event) => event.type)).toEqual([
      'deliverable.created',
      'deliverable.behind_pace',
      'deliverable.progress_recorded',
      'deliverable.back_on_track',
      'deliverable.updated',
      'deliverable.behind_pace',
    ]);
    expect(events[4]).toMatchObject({
      data: { fields: ['quantity', 'platform'], before: { quantity: 6, platform: null }, after: { quantity: 12, platform: 'TikTok' } },
    });
    expect(events[5]).toMatchObject({ actor_id: member.userId, data: { ownerId: member.userId, progress: 3, expectedProgress: 6, quantity: 12 } });

    // A contract no longer signed (voided) freezes its deliverables.
    await withClient(database.url, (client) =>
      client.query(`UPDATE documents.documents SET status = 'void', void_reason = 'Cancelled' WHERE id = $1`, [uuidOf(signed)]),
    );
    expect(await documents.refused(member.principal, 'deliverableProgressRecord', { id: late.id, progress: 3 })).toEqual(['DOCUMENT_NOT_SIGNED_CONTRACT']);
  });

  it('are marked behind pace by the daily check once, and the owner is notified once', async () => {
    const signed = await contract(member, 0);
    const first = await create(signed, { quantity: 3, startDate: day(0), dueDate: day(89), ownerId: owner.globalUserId });
    const second = await create(signed, { title: 'Newsletter', quantity: 3, startDate: day(0), dueDate: day(89), ownerId: owner.globalUserId });
    expect(first.onTrack).toBe(true);
    const inFiftyDays = day(50);

    // The job itself, through its queue: both fall behind.
    await server().runtime.jobs.enqueue(DELIVERABLE_PACE_JOB, { today: inFiftyDays });
    await expect.poll(() => eventsOf(first.id)).toEqual(['deliverable.created', 'deliverable.behind_pace']);
    await expect.poll(() => eventsOf(second.id)).toEqual(['deliverable.created', 'deliverable.behind_pace']);
    // Again, twice at once (the check covers every organization): these two change no more.
    const services = server().services as DocumentsServices;
    await Promise.all([services.deliverables.checkPace(inFiftyDays), services.deliverables.checkPace(inFiftyDays)]);
    expect(await eventsOf(first.id)).toEqual(['deliverable.created', 'deliverable.behind_pace']);
    expect(await eventsOf(second.id)).toEqual(['deliverable.created', 'deliverable.behind_pace']);
    const [, behind] = await outboxEvents(database.url, 'documents', uuidOf(first.id));
    expect(behind).toMatchObject({ actor_id: null, data: { ownerId: owner.userId, progress: 0, expectedProgress: 1, quantity: 3, dueDate: day(89) } });
    const offTrack = await query(
      member.principal,
      `query($id: ID!) { document(id: $id) { deliverables(filter: { onTrack: { eq: false } }) { totalCount } } }`,
      {
        id: signed,
      },
    );
    expect(offTrack.data!.document.deliverables.totalCount).toBe(2);

    const notified = async () =>
      (
        await harness.request('notifications', '{ notifications { nodes { event title subjectType subjectId } } }', {}, owner.principal)
      ).data!.notifications.nodes.filter((node: { subjectId: string }) => node.subjectId === first.id || node.subjectId === second.id);
    await expect.poll(notified).toHaveLength(2);
    expect(await notified()).toContainEqual({
      event: 'deliverable.behind_pace',
      title: 'Deliverable “Instagram posts” is behind pace',
      subjectType: 'Deliverable',
      subjectId: first.id,
    });

    // Caught up (the first by its progress, the second as of today): back on track, once each.
    await documents.mutate(owner.principal, 'deliverableProgressRecord', { id: first.id, progress: 1 }, 'deliverable { id }');
    await services.deliverables.checkPace(inFiftyDays);
    await services.deliverables.checkPace();
    await services.deliverables.checkPace();
    expect(await eventsOf(first.id)).toEqual(['deliverable.created', 'deliverable.behind_pace', 'deliverable.progress_recorded', 'deliverable.back_on_track']);
    expect(await eventsOf(second.id)).toEqual(['deliverable.created', 'deliverable.behind_pace', 'deliverable.back_on_track']);
    expect(await notified()).toHaveLength(2);
  });
});

describe('_entities', () => {
  it('resolves a deliverable by reference; null for an unknown id, another organization’s, a deleted one or one of a trashed document', async () => {
    const mine = await create(await contract(member));
    const theirs = await create(await contract(stranger), {}, stranger);
    const deleted = await create(await contract(member));
    await documents.mutate(member.principal, 'deliverableDelete', { id: deleted.id }, 'deletedDeliverableId');
    const trashedDocument = await contract(member);
    const ofTrashed = await create(trashedDocument);
    await documents.mutate(member.principal, 'documentDelete', { id: trashedDocument }, 'deletedDocumentId');
    const ids = [mine.id, toGlobalId('Deliverable', uuidv7()), theirs.id, deleted.id, ofTrashed.id];
    const result = await query(member.principal, ENTITIES, { r: ids.map((id) => ({ __typename: 'Deliverable', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: mine.id, title: 'Instagram posts' }, null, null, null, null]);
    expect(await documents.refused(member.principal, 'deliverableUpdate', { id: ofTrashed.id, title: 'Hidden' })).toEqual(['DOCUMENT_DELIVERABLE_NOT_FOUND']);
  });
});

describe('tenancy and permissions', () => {
  it('keeps another organization from adding to, reading or changing a contract’s deliverables', async () => {
    const signed = await contract(member);
    const deliverable = await create(signed);
    const input = { documentId: signed, title: 'Taken', quantity: 1, frequency: 'ONCE', dueDate: day(5) };
    expect(await documents.refused(stranger.principal, 'deliverableCreate', input)).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'deliverableUpdate', { id: deliverable.id, title: 'Taken' })).toEqual([
      'DOCUMENT_DELIVERABLE_NOT_FOUND',
    ]);
    expect(await documents.refused(stranger.principal, 'deliverableProgressRecord', { id: deliverable.id, progress: 1 })).toEqual([
      'DOCUMENT_DELIVERABLE_NOT_FOUND',
    ]);
    expect(await documents.refused(stranger.principal, 'deliverableDelete', { id: deliverable.id })).toEqual(['DOCUMENT_DELIVERABLE_NOT_FOUND']);
    expect((await query(stranger.principal, ENTITIES, { r: [{ __typename: 'Deliverable', id: deliverable.id }] })).data!._entities).toEqual([null]);
    expect(await eventsOf(deliverable.id)).toEqual(['deliverable.created']);
  });

  it('refuses a guest a contract not shared with them, and an API key outside its scopes', async () => {
    const signed = await contract(member);
    const deliverable = await create(signed);
    const read = await query(guest.principal, ENTITIES, { r: [{ __typename: 'Deliverable', id: deliverable.id }] });
    expect(read.data!._entities).toEqual([null]);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const input = { documentId: signed, title: 'Sneaky', quantity: 1, frequency: 'ONCE', dueDate: day(5) };
    expect(await documents.refused(guest.principal, 'deliverableCreate', input)).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'deliverableProgressRecord', { id: deliverable.id, progress: 1 })).toEqual([
      'DOCUMENT_DELIVERABLE_NOT_FOUND',
    ]);
    const readOnly: Principal = { kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes: ['documents:read'] };
    const refused = await query(readOnly, `mutation($id: ID!) { deliverableProgressRecord(input: { id: $id, progress: 1 }) { deliverable { id } } }`, {
      id: deliverable.id,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'documents:write' });
    expect(await eventsOf(deliverable.id)).toEqual(['deliverable.created']);
  });
});
