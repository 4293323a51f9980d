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
import { documentsSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let admin: TestMember;
let author: TestMember;
let legal: TestMember;
let reviewer: TestMember;
let guest: TestMember;
let stranger: TestMember;
const legalTeam = uuidv7();

const documents = mutationsOf(() => harness, 'documents');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([documentsSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  admin = await testMember(database.url, 'admin', owner.orgId);
  author = await testMember(database.url, 'member', owner.orgId);
  legal = await testMember(database.url, 'member', owner.orgId);
  await addToTeam(database.url, owner.orgId, legal.userId, legalTeam);
  reviewer = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
  // Contracts: the legal team may look (optional), an admin must approve, then the owner signs.
  await workflow('CONTRACT', [{ teamId: toGlobalId('Team', legalTeam), required: false }, { role: 'ADMIN' }, { role: 'OWNER', action: 'SIGN' }]);
  // Proposals: any member approves.
  await workflow('PROPOSAL', [{ role: 'MEMBER' }]);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const workflow = (documentType: string, steps: unknown[], who: TestMember = owner) =>
  documents.mutate(who.principal, 'approvalWorkflowCreate', { name: `${documentType} review`, documentType, steps }, 'approvalWorkflow { id }');
const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const STEP = 'id round stepOrder role team { id } action required state decidedBy { id } comment requestedAt viewerIsReviewer';
const create = async (type: string, who: TestMember = author) =>
  (await documents.mutate(who.principal, 'documentCreate', { title: `A ${type.toLowerCase()}`, type }, 'document { id }')).document.id as string;
const submit = async (id: string, who: TestMember = author) =>
  documents.mutate(who.principal, 'documentSubmitForApproval', { id }, `document { id status approvalStatus } approvalRequests { ${STEP} }`);
const decide = (who: TestMember, id: string, decision: string, comment?: string) =>
  documents.mutate(who.principal, 'approvalDecide', { id, decision, comment }, `approvalRequest { ${STEP} } document { id status approvalStatus }`);
const refusedDecision = (who: TestMember, id: string, decision = 'APPROVE') => documents.refused(who.principal, 'approvalDecide', { id, decision });
const history = async (id: string, who: TestMember = author) =>
  (
    await query(
      who.principal,
      `query($id: ID!) { document(id: $id) { status approvalStatus approvalRequests { totalCount nodes { round stepOrder state comment decidedBy { id } } } } }`,
      { id },
    )
  ).data!.document;
const eventTypes = async (id: string) => (await outboxEvents(database.url, 'documents', uuidOf(id))).map((event) => event.type);

describe('submitting for approval', () => {
  it('creates one request per step, moves the document to INTERNAL_REVIEW and asks the first reachable reviewers', async () => {
    const id = await create('CONTRACT');
    const submitted = await submit(id);
    expect(submitted.document).toEqual({ id, status: 'INTERNAL_REVIEW', approvalStatus: 'PENDING' });
    expect(submitted.approvalRequests).toMatchObject([
      {
        round: 1,
        stepOrder: 1,
        role: null,
        team: { id: toGlobalId('Team', legalTeam) },
        action: 'APPROVE',
        required: false,
        state: 'PENDING',
        viewerIsReviewer: false,
      },
      { round: 1, stepOrder: 2, role: 'ADMIN', team: null, action: 'APPROVE', required: true, state: 'PENDING' },
      { round: 1, stepOrder: 3, role: 'OWNER', action: 'SIGN', required: true, state: 'PENDING', requestedAt: null },
    ]);
    // The optional first step and the first required one are reachable: both are asked, each of its own reviewers.
    expect(submitted.approvalRequests[0].requestedAt).not.toBeNull();
    expect(submitted.approvalRequests[1].requestedAt).not.toBeNull();
    const events = await outboxEvents(database.url, 'documents', uuidOf(id));
    expect(events.map((event) => event.type)).toEqual([
      'document.created',
      'document.status_changed',
      'document.submitted_for_approval',
      'document.approval_requested',
      'document.approval_requested',
    ]);
    expect(events[1]!.data).toMatchObject({ from: 'draft', to: 'internal_review', cause: 'approval' });
    expect(events[3]!.data).toMatchObject({ stepOrder: 1, recipients: [legal.userId], action: 'approve', required: false });
    expect(events[4]!.data).toMatchObject({ stepOrder: 2, recipients: [admin.userId] });

    expect(await documents.refused(author.principal, 'documentSubmitForApproval', { id })).toEqual(['DOCUMENT_APPROVAL_PENDING']);
    const nda = await create('NDA');
    expect(await documents.refused(author.principal, 'documentSubmitForApproval', { id: nda })).toEqual(['DOCUMENT_NO_APPROVAL_WORKFLOW']);
    expect(await eventTypes(nda)).toEqual(['document.created']);
  });
});

describe('deciding', () => {
  it('goes step by step: an optional step is passed over, the last required approval moves the document on', async () => {
    const id = await create('CONTRACT');
    const [teamStep, adminStep, ownerStep] = (await submit(id)).approvalRequests;
    // Steps in order: the owner's step waits for the admin's.
    expect(await refusedDecision(owner, ownerStep.id)).toEqual(['DOCUMENT_APPROVAL_STEP_NOT_REACHED']);
    const approved = await decide(admin, adminStep.id, 'APPROVE', 'Fine by me');
    expect(approved.approvalRequest).toMatchObject({ state: 'APPROVED', decidedBy: { id: admin.globalUserId }, comment: 'Fine by me', viewerIsReviewer: true });
    expect(approved.document).toEqual({ id, status: 'INTERNAL_REVIEW', approvalStatus: 'PENDING' });
    // The legal team's optional step was passed over.
    expect(await refusedDecision(legal, teamStep.id)).toEqual(['DOCUMENT_APPROVAL_ALREADY_DECIDED']);
    const signed = await decide(owner, ownerStep.id, 'APPROVE');
    expect(signed.document).toEqual({ id, status: 'CLIENT_REVIEW', approvalStatus: 'APPROVED' });
    expect(await history(id)).toEqual({
      status: 'CLIENT_REVIEW',
      approvalStatus: 'APPROVED',
      approvalRequests: {
        totalCount: 3,
        nodes: [
          { round: 1, stepOrder: 1, state: 'SKIPPED', comment: null, decidedBy: null },
          { round: 1, stepOrder: 2, state: 'APPROVED', comment: 'Fine by me', decidedBy: { id: admin.globalUserId } },
          { round: 1, stepOrder: 3, state: 'APPROVED', comment: null, decidedBy: { id: owner.globalUserId } },
        ],
      },
    });
    const events = await outboxEvents(database.url, 'documents', uuidOf(id));
    expect(events.slice(5).map((event) => event.type)).toEqual([
      'document.approval_decided',
      'document.approval_requested',
      'document.approval_decided',
      'document.status_changed',
      'document.approved',
    ]);
    expect(events[6]!.data).toMatchObject({ stepOrder: 3, action: 'sign', recipients: [owner.userId] });
    expect(events[8]!.data).toMatchObject({ from: 'internal_review', to: 'client_review', cause: 'approval' });
    expect(events[9]!.data).toMatchObject({ round: 1, recipients: [author.userId] });
  });

  it('lets an optional step be decided while reached, and refuses who is not its reviewer with FORBIDDEN', async () => {
    const id = await create('CONTRACT');
    const [teamStep] = (await submit(id)).approvalRequests;
    for (const who of [author, reviewer, owner]) {
      const answer = await query(who.principal, 'mutation($id: ID!) { approvalDecide(input: { id: $id, decision: APPROVE }) { userErrors { code } } }', {
        id: teamStep.id,
      });
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const byTeam = await decide(legal, teamStep.id, 'APPROVE', 'Clause 4 checked');
    expect(byTeam.approvalRequest).toMatchObject({ state: 'APPROVED', comment: 'Clause 4 checked', viewerIsReviewer: true });
    expect(byTeam.document).toEqual({ id, status: 'INTERNAL_REVIEW', approvalStatus: 'PENDING' });
    expect((await eventTypes(id)).filter((type) => type === 'document.approval_requested')).toHaveLength(2);
    expect(await refusedDecision(admin, teamStep.id)).toEqual(['DOCUMENT_APPROVAL_ALREADY_DECIDED']);
    expect(await history(id)).toMatchObject({
      approvalStatus: 'PENDING',
      approvalRequests: { nodes: [{ state: 'APPROVED' }, { state: 'PENDING' }, { state: 'PENDING' }] },
    });
  });

  it('rejects back to DRAFT, returns for changes back to DRAFT with the comment, and a resubmission starts a new round', async () => {
    const id = await create('PROPOSAL');
    const [first] = (await submit(id)).approvalRequests;
    const rejected = await decide(reviewer, first.id, 'REJECT', 'Too expensive');
    expect(rejected.document).toEqual({ id, status: 'DRAFT', approvalStatus: 'REJECTED' });
    expect(await refusedDecision(reviewer, first.id)).toEqual(['DOCUMENT_APPROVAL_ALREADY_DECIDED']);

    const [second] = (await submit(id)).approvalRequests;
    expect(second).toMatchObject({ round: 2, stepOrder: 1, state: 'PENDING' });
    const returned = await decide(reviewer, second.id, 'RETURN_FOR_CHANGES', 'Add the timeline');
    expect(returned.document).toEqual({ id, status: 'DRAFT', approvalStatus: 'RETURNED' });
    const events = await outboxEvents(database.url, 'documents', uuidOf(id));
    expect(events.find((event) => event.type === 'document.rejected')!.data).toMatchObject({ round: 1, comment: 'Too expensive', recipients: [author.userId] });
    expect(events.find((event) => event.type === 'document.returned_for_changes')!.data).toMatchObject({ round: 2, comment: 'Add the timeline' });

    const [third] = (await submit(id)).approvalRequests;
    await decide(reviewer, third.id, 'APPROVE');
    expect(await history(id)).toEqual({
      status: 'CLIENT_REVIEW',
      approvalStatus: 'APPROVED',
      approvalRequests: {
        totalCount: 3,
        nodes: [
          { round: 3, stepOrder: 1, state: 'APPROVED', comment: null, decidedBy: { id: reviewer.globalUserId } },
          { round: 2, stepOrder: 1, state: 'RETURNED', comment: 'Add the timeline', decidedBy: { id: reviewer.globalUserId } },
          { round: 1, stepOrder: 1, state: 'REJECTED', comment: 'Too expensive', decidedBy: { id: reviewer.globalUserId } },
        ],
      },
    });
  });

  it('decides a step once when two reviewers decide it at the same moment', async () => {
    const id = await create('PROPOSAL');
    const [step] = (await submit(id)).approvalRequests;
    const send = (who: TestMember, decision: string) =>
      query(
        who.principal,
        'mutation($id: ID!, $d: ApprovalDecision!) { approvalDecide(input: { id: $id, decision: $d }) { approvalRequest { state } userErrors { code } } }',
        {
          id: step.id,
          d: decision,
        },
      );
    const answers = await Promise.all([send(reviewer, 'APPROVE'), send(author, 'REJECT')]);
    const payloads = answers.map((answer) => answer.data!.approvalDecide);
    expect(payloads.filter((payload) => payload.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.flatMap((payload) => payload.userErrors.map((error: { code: string }) => error.code))).toEqual(['DOCUMENT_APPROVAL_ALREADY_DECIDED']);
    const decided = (await eventTypes(id)).filter((type) => type === 'document.approval_decided');
    expect(decided).toHaveLength(1);
  });
});

describe('approval requests across organizations and permissions', () => {
  it('resolve by reference, and null for an unknown id or another organization’s', async () => {
    const id = await create('PROPOSAL');
    const [step] = (await submit(id)).approvalRequests;
    await workflow('PROPOSAL', [{ role: 'OWNER' }], stranger);
    const theirDocument = await create('PROPOSAL', stranger);
    const [theirs] = (await submit(theirDocument, stranger)).approvalRequests;
    const representations = [step.id, toGlobalId('ApprovalRequest', uuidv7()), theirs.id].map((requestId) => ({
      __typename: 'ApprovalRequest',
      id: requestId,
    }));
    const result = await query(
      author.principal,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ApprovalRequest { id state document { id } } } }',
      {
        r: representations,
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: step.id, state: 'PENDING', document: { id } }, null, null]);

    // Another organization can neither submit this document nor decide its steps.
    expect(await documents.refused(stranger.principal, 'documentSubmitForApproval', { id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await refusedDecision(stranger, step.id)).toEqual(['DOCUMENT_APPROVAL_REQUEST_NOT_FOUND']);
    expect(await refusedDecision(author, theirs.id)).toEqual(['DOCUMENT_APPROVAL_REQUEST_NOT_FOUND']);
  });

  it('hides the history from whoever cannot read the document', async () => {
    const id = await create('PROPOSAL');
    const [step] = (await submit(id)).approvalRequests;
    const entity = await query(guest.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ApprovalRequest { id } } }', {
      r: [{ __typename: 'ApprovalRequest', id: step.id }],
    });
    expect(entity.data!._entities).toEqual([null]);
    expect(entity.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await documents.refused(guest.principal, 'documentSubmitForApproval', { id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await refusedDecision(guest, step.id)).toEqual(['DOCUMENT_APPROVAL_REQUEST_NOT_FOUND']);
    const keyed = await query(
      { kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: reviewer.userId, orgId: owner.orgId, scopes: ['documents:write'] },
      'mutation($id: ID!) { approvalDecide(input: { id: $id, decision: APPROVE }) { userErrors { code } } }',
      { id: step.id },
    );
    // An API key is nobody's reviewer: decisions are people's.
    expect(keyed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
