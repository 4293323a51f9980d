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
let member: TestMember;
let legal: TestMember;
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
  member = await testMember(database.url, 'member', owner.orgId);
  legal = await testMember(database.url, 'member', owner.orgId);
  await addToTeam(database.url, owner.orgId, legal.userId, legalTeam);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const WORKFLOW = 'id name documentType steps { order role team { id } action required }';
const teamId = toGlobalId('Team', legalTeam);
/** A workflow of a document type (one per type): legal team approves (optional), an admin signs. */
const createWorkflow = async (who: TestMember, documentType: string) =>
  (
    await documents.mutate(
      who.principal,
      'approvalWorkflowCreate',
      {
        name: 'Contract review',
        documentType,
        steps: [...(who.orgId === owner.orgId ? [{ teamId, required: false }] : []), { role: 'ADMIN', action: 'SIGN' }],
      },
      `approvalWorkflow { ${WORKFLOW} }`,
    )
  ).approvalWorkflow;

describe('approval workflows', () => {
  it('are created, read, listed, updated and deleted by admins, one per document type, each change with its event', async () => {
    const workflow = await createWorkflow(admin, 'NDA');
    expect(workflow).toEqual({
      id: expect.any(String),
      name: 'Contract review',
      documentType: 'NDA',
      steps: [
        { order: 1, role: null, team: { id: teamId }, action: 'APPROVE', required: false },
        { order: 2, role: 'ADMIN', team: null, action: 'SIGN', required: true },
      ],
    });
    // Members read them; the list filters by type.
    expect(
      (await query(member.principal, `query($id: ID!) { approvalWorkflow(id: $id) { ${WORKFLOW} } }`, { id: workflow.id })).data!.approvalWorkflow,
    ).toEqual(workflow);
    const listed = await query(member.principal, '{ approvalWorkflows(documentType: NDA) { totalCount nodes { id } } }');
    expect(listed.data!.approvalWorkflows).toEqual({ totalCount: 1, nodes: [{ id: workflow.id }] });

    expect(await documents.refused(owner.principal, 'approvalWorkflowCreate', { name: 'Again', documentType: 'NDA', steps: [{ role: 'OWNER' }] })).toEqual([
      'DOCUMENT_APPROVAL_WORKFLOW_EXISTS',
    ]);
    const updated = (
      await documents.mutate(
        owner.principal,
        'approvalWorkflowUpdate',
        { id: workflow.id, name: 'Renamed', steps: [{ role: 'OWNER' }] },
        `approvalWorkflow { ${WORKFLOW} }`,
      )
    ).approvalWorkflow;
    expect(updated).toMatchObject({
      name: 'Renamed',
      documentType: 'NDA',
      steps: [{ order: 1, role: 'OWNER', team: null, action: 'APPROVE', required: true }],
    });

    expect(
      (await documents.mutate(admin.principal, 'approvalWorkflowDelete', { id: workflow.id }, 'deletedApprovalWorkflowId')).deletedApprovalWorkflowId,
    ).toBe(workflow.id);
    expect((await query(member.principal, `query($id: ID!) { approvalWorkflow(id: $id) { id } }`, { id: workflow.id })).data!.approvalWorkflow).toBeNull();
    expect(await documents.refused(admin.principal, 'approvalWorkflowUpdate', { id: workflow.id, name: 'Gone' })).toEqual([
      'DOCUMENT_APPROVAL_WORKFLOW_NOT_FOUND',
    ]);

    const events = await outboxEvents(database.url, 'documents', uuidOf(workflow.id));
    expect(events.map((event) => event.type)).toEqual(['approval_workflow.created', 'approval_workflow.updated', 'approval_workflow.deleted']);
    expect(events[0]).toMatchObject({
      actor_id: admin.userId,
      data: { documentType: 'nda', steps: [{ teamId: legalTeam, required: false }, { role: 'admin' }] },
    });
  });

  it('refuse malformed steps and teams without members', async () => {
    const refused = (steps: unknown[]) => documents.refused(admin.principal, 'approvalWorkflowCreate', { name: 'Bad', documentType: 'PROPOSAL', steps });
    expect(new Set(await refused([]))).toEqual(new Set(['DOCUMENT_APPROVAL_INVALID_INPUT']));
    expect(await refused([{ role: 'ADMIN', required: false }])).toEqual(['DOCUMENT_APPROVAL_INVALID_INPUT']);
    expect(await refused([{ role: 'ADMIN', teamId }])).toEqual(['DOCUMENT_APPROVAL_INVALID_INPUT']);
    expect(await refused([{}])).toEqual(['DOCUMENT_APPROVAL_INVALID_INPUT']);
    expect(await refused([{ teamId: toGlobalId('Team', uuidv7()) }])).toEqual(['DOCUMENT_APPROVAL_TEAM_NOT_FOUND']);
    expect(await refused([{ teamId: toGlobalId('User', legal.userId) }])).toEqual(['DOCUMENT_APPROVAL_INVALID_INPUT']);
    expect((await query(admin.principal, '{ approvalWorkflows(documentType: PROPOSAL) { totalCount } }')).data!.approvalWorkflows.totalCount).toBe(0);
  });

  it('resolve by reference, and null for an unknown id or another organization’s', async () => {
    const workflow = await createWorkflow(admin, 'OTHER');
    const theirs = await createWorkflow(stranger, 'OTHER');
    const representations = [workflow.id, toGlobalId('ApprovalWorkflow', uuidv7()), theirs.id].map((id) => ({ __typename: 'ApprovalWorkflow', id }));
    const result = await query(member.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ApprovalWorkflow { id name } } }', {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: workflow.id, name: 'Contract review' }, null, null]);
  });

  it('are kept from other organizations', async () => {
    const workflow = await createWorkflow(admin, 'SOW');
    expect((await query(stranger.principal, `query($id: ID!) { approvalWorkflow(id: $id) { id } }`, { id: workflow.id })).data!.approvalWorkflow).toBeNull();
    const theirs = await query(stranger.principal, '{ approvalWorkflows { nodes { id } } }');
    expect(theirs.data!.approvalWorkflows.nodes).not.toContainEqual({ id: workflow.id });
    expect(await documents.refused(stranger.principal, 'approvalWorkflowUpdate', { id: workflow.id, name: 'Taken' })).toEqual([
      'DOCUMENT_APPROVAL_WORKFLOW_NOT_FOUND',
    ]);
    expect(await documents.refused(stranger.principal, 'approvalWorkflowDelete', { id: workflow.id })).toEqual(['DOCUMENT_APPROVAL_WORKFLOW_NOT_FOUND']);
  });

  it('are managed by owners and admins only, and hidden from guests', async () => {
    const workflow = await createWorkflow(admin, 'TEMPLATE');
    const byMember = await query(
      member.principal,
      'mutation { approvalWorkflowCreate(input: { name: "Mine", documentType: CONTRACT, steps: [{ role: MEMBER }] }) { userErrors { code } } }',
    );
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const update = await query(member.principal, 'mutation($id: ID!) { approvalWorkflowUpdate(input: { id: $id, name: "Mine" }) { userErrors { code } } }', {
      id: workflow.id,
    });
    expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await query(guest.principal, `query($id: ID!) { approvalWorkflow(id: $id) { id } }`, { id: workflow.id });
    expect(read.data!.approvalWorkflow).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ approvalWorkflows { totalCount } }')).data!.approvalWorkflows.totalCount).toBe(0);
  });
});
