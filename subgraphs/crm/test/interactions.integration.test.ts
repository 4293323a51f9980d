import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let admin: TestMember;
let seller: TestMember;
let pipelineId: string;

const { mutate, refused } = mutationsOf(() => harness, 'crm');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  admin = await testMember(database.url, 'admin');
  seller = await testMember(database.url, 'member', admin.orgId);
  pipelineId = (await mutate(admin.principal, 'pipelineCreate', { name: 'Sales' }, 'pipeline { id }')).pipeline.id;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (text: string, variables: Record<string, unknown> = {}, who: TestMember = seller) => harness.request('crm', text, variables, who.principal);
const contact = async (firstName: string) => (await mutate(seller.principal, 'contactCreate', { firstName }, 'contact { id }')).contact.id as string;
const log = async (input: Record<string, unknown>) =>
  (await mutate(seller.principal, 'interactionLog', input, 'interaction { id type occurredAt }')).interaction;
const at = (iso: string) => new Date(iso).toISOString();

describe('interactions', () => {
  it('are logged against a contact (and one of its deals), latest first', async () => {
    const ada = await contact('Ada');
    const deal = (await mutate(seller.principal, 'dealCreate', { contactId: ada, pipelineId, title: 'Engine' }, 'deal { id }')).deal.id;
    await log({ contactId: ada, type: 'EMAIL', direction: 'INBOUND', subject: 'Hello', occurredAt: at('2026-11-01T10:00:00Z') });
    await log({ contactId: ada, type: 'CALL', direction: 'OUTBOUND', durationSeconds: 900, dealId: deal, occurredAt: at('2026-11-03T09:00:00Z') });
    await log({ contactId: ada, type: 'NOTE', body: 'Prefers mornings', occurredAt: at('2026-11-02T12:00:00Z') });
    const read = await query(
      'query($id: ID!) { contact(id: $id) { lastInteractionAt interactions { nodes { type } } calls: interactions(filter: { type: { eq: CALL } }) { nodes { durationSeconds deal { title } loggedBy { id } } } deals { nodes { interactions { totalCount } } } } }',
      { id: ada },
    );
    expect(read.data!.contact).toEqual({
      lastInteractionAt: at('2026-11-03T09:00:00Z'),
      interactions: { nodes: [{ type: 'CALL' }, { type: 'NOTE' }, { type: 'EMAIL' }] },
      calls: { nodes: [{ durationSeconds: 900, deal: { title: 'Engine' }, loggedBy: { id: seller.globalUserId } }] },
      deals: { nodes: [{ interactions: { totalCount: 1 } }] },
    });
  });

  it('refuse a direction on a note and a deal of another contact', async () => {
    const [one, two] = [await contact('One'), await contact('Two')];
    const othersDeal = (await mutate(seller.principal, 'dealCreate', { contactId: two, pipelineId, title: 'Theirs' }, 'deal { id }')).deal.id;
    expect(await refused(seller.principal, 'interactionLog', { contactId: one, type: 'NOTE', direction: 'INBOUND' })).toEqual(['INTERACTION_INVALID_INPUT']);
    expect(await refused(seller.principal, 'interactionLog', { contactId: one, type: 'CALL', dealId: othersDeal })).toEqual([
      'INTERACTION_DEAL_NOT_OF_CONTACT',
    ]);
    expect(await refused(seller.principal, 'interactionLog', { contactId: one, type: 'CALL', durationSeconds: -1 })).toEqual(['INTERACTION_INVALID_INPUT']);
  });

  it('can be edited, trashed and restored; guests of the organization cannot log any', async () => {
    const grace = await contact('Grace');
    const call = await log({ contactId: grace, type: 'CALL', subject: 'Intro' });
    const edited = (
      await mutate(seller.principal, 'interactionUpdate', { id: call.id, subject: 'Introduction', type: 'MEETING' }, 'interaction { subject type }')
    ).interaction;
    expect(edited).toEqual({ subject: 'Introduction', type: 'MEETING' });
    await mutate(seller.principal, 'interactionDelete', { id: call.id }, 'deletedInteractionId');
    expect((await query('query($id: ID!) { contact(id: $id) { interactions { totalCount } lastInteractionAt } }', { id: grace })).data!.contact).toEqual({
      interactions: { totalCount: 0 },
      lastInteractionAt: null,
    });
    await mutate(seller.principal, 'interactionRestore', { id: call.id }, 'interaction { id }');
    const guest = await testMember(database.url, 'guest', admin.orgId);
    expect(await refused(guest.principal, 'interactionLog', { contactId: grace, type: 'CALL' })).toEqual(['CONTACT_NOT_FOUND']);
  });
});

type Item = { __typename: string; type?: string; subject?: string; event?: string };
const label = (item: Item) => item.event ?? item.type!;

describe('timeline', () => {
  const TIMELINE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { contact(id: $id) { timeline(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    nodes { __typename ... on Interaction { type subject } ... on ContactActivity { event actor { id } } } } } }`;

  it('merges interactions with the contact’s and its deals’ activity, latest first, and pages exactly', async () => {
    const lead = await contact('Timeline');
    await log({ contactId: lead, type: 'EMAIL', subject: 'First touch', occurredAt: at('2020-01-01T00:00:00Z') });
    const deal = (await mutate(seller.principal, 'dealCreate', { contactId: lead, pipelineId, title: 'Big one' }, 'deal { id stage { id } }')).deal;
    const stages = (await query('query($id: ID!) { pipeline(id: $id) { stages { id name } } }', { id: pipelineId })).data!.pipeline.stages;
    await mutate(seller.principal, 'dealMove', { id: deal.id, stageId: stages.find((s: { name: string }) => s.name === 'Closed won').id }, 'deal { id }');
    await mutate(seller.principal, 'contactConvert', { id: lead }, 'contact { id }');
    await log({ contactId: lead, type: 'MEETING', subject: 'Kick-off', occurredAt: at('2099-01-01T00:00:00Z') });

    const all = (await query(TIMELINE, { id: lead, first: 100 })).data!.contact.timeline;
    const summary = all.nodes.map((n: Item) => (n.__typename === 'Interaction' ? `${n.type}:${n.subject}` : n.event));
    expect(summary).toEqual(['MEETING:Kick-off', 'contact.converted', 'deal.won', 'deal.moved', 'deal.created', 'contact.created', 'EMAIL:First touch']);
    expect(all.totalCount).toBe(7);
    expect(all.nodes[1].actor).toEqual({ id: seller.globalUserId });

    const forwards: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { nodes: Item[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await query(TIMELINE, { id: lead, first: 2, after })).data!
        .contact.timeline;
      forwards.push(...page.nodes.map(label));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forwards).toEqual(all.nodes.map(label));
    const lastTwo = (await query(TIMELINE, { id: lead, last: 2 })).data!.contact.timeline;
    expect(lastTwo.nodes.map(label)).toEqual(['contact.created', 'EMAIL']);
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(true);
  });

  it('keeps the history of a contact merged into another', async () => {
    const keep = await contact('Keeper');
    const dup = await contact('Duplicate');
    await log({ contactId: dup, type: 'SMS', subject: 'From the duplicate' });
    await mutate(seller.principal, 'contactMerge', { id: keep, duplicateId: dup }, 'contact { id }');
    const types = (await query(TIMELINE, { id: keep, first: 100 })).data!.contact.timeline.nodes.map(label);
    expect(types).toEqual(expect.arrayContaining(['SMS', 'contact.merged', 'contact.created']));
    expect(types.filter((t: string) => t === 'contact.created')).toHaveLength(2);
  });
});
