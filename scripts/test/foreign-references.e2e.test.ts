import { randomBytes } from 'node:crypto';
import { parseGlobalId, toGlobalId, uuidv7 } from '@cellgraph/kernel';
import { waitFor, withClient } from '@cellgraph/kernel/testing';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCell } from '../runtime/cells.js';
import type { GraphQLData } from '../runtime/graphql-client.js';
import { composeCell, subgraphSdls } from '../runtime/composition.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../testing/cell-harness.js';
import { markSignedContract } from '../testing/documents.js';
import { withHttpReceiver } from '../testing/http-receiver.js';

/**
 * Every id a mutation input carries must name something readable in the caller's organization:
 * another organization's real id is refused exactly as a random id is (same error, nothing
 * written), so answers reveal nothing and no row of one organization references another's.
 */

type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type Input = Record<string, unknown>;

/** A valid input of each mutation that carries an id, in the caller's organization `f`. */
const BASE_INPUTS: Record<string, (f: Fixture) => Input> = {
  commentCreate: (f) => ({ nodeId: f.task, body: 'Hi', parentId: f.comment }),
  commentUpdate: (f) => ({ id: f.comment, body: 'Edited' }),
  commentDelete: (f) => ({ id: f.comment }),
  linkCreate: (f) => ({ fromId: f.task, toId: f.contact, relationship: 'relates_to' }),
  linkDelete: (f) => ({ id: f.link }),
  tagUpdate: (f) => ({ id: f.tag, name: 'Renamed' }),
  tagDelete: (f) => ({ id: f.tag }),
  tagApply: (f) => ({ tagId: f.tag, nodeIds: [f.task] }),
  tagRemove: (f) => ({ tagId: f.tag, nodeIds: [f.task] }),
  trashRestore: (f) => ({ id: f.trashedTask }),
  trashDelete: (f) => ({ id: f.trashedTask }),
  contactCreate: (f) => ({ firstName: 'New', stageId: f.leadStage, assignedToId: f.userId }),
  contactCreateBatch: (f) => ({ contacts: [{ firstName: 'New', stageId: f.leadStage, assignedToId: f.userId }], atomic: true }),
  contactUpdate: (f) => ({ id: f.contact, stageId: f.leadStage, assignedToId: f.userId }),
  contactConvert: (f) => ({ id: f.contact, type: 'CUSTOMER' }),
  contactMerge: (f) => ({ id: f.contact, duplicateId: f.contact2 }),
  contactDelete: (f) => ({ id: f.contact }),
  contactRestore: (f) => ({ id: f.trashedContact }),
  contactFieldUpdate: (f) => ({ id: f.contactField, label: 'Renamed' }),
  contactFieldDelete: (f) => ({ id: f.contactField }),
  dealCreate: (f) => ({ contactId: f.contact, title: 'Deal', pipelineId: f.dealPipeline, stageId: f.dealStage, ownerId: f.userId }),
  dealUpdate: (f) => ({ id: f.deal, contactId: f.contact, ownerId: f.userId }),
  dealMove: (f) => ({ id: f.deal, stageId: f.dealStage2 }),
  dealDelete: (f) => ({ id: f.deal }),
  dealRestore: (f) => ({ id: f.trashedDeal }),
  interactionLog: (f) => ({ contactId: f.contact, dealId: f.deal, type: 'NOTE', body: 'Noted' }),
  interactionUpdate: (f) => ({ id: f.interaction, dealId: f.deal }),
  interactionDelete: (f) => ({ id: f.interaction }),
  interactionRestore: (f) => ({ id: f.trashedInteraction }),
  pipelineUpdate: (f) => ({ id: f.dealPipeline, name: 'Renamed' }),
  pipelineDelete: (f) => ({ id: f.dealPipeline }),
  pipelineRestore: (f) => ({ id: f.trashedPipeline }),
  pipelineStageCreate: (f) => ({ name: 'Stage', probability: 50, pipelineId: f.dealPipeline, afterStageId: f.dealStage }),
  pipelineStageUpdate: (f) => ({ id: f.dealStage, name: 'Renamed' }),
  pipelineStageMove: (f) => ({ id: f.dealStage, afterStageId: f.dealStage2 }),
  pipelineStageDelete: (f) => ({ id: f.dealStage }),
  contactPurge: (f) => ({ id: f.trashedContact }),
  dealPurge: (f) => ({ id: f.trashedDeal }),
  pipelinePurge: (f) => ({ id: f.trashedPipeline }),
  interactionPurge: (f) => ({ id: f.trashedInteraction }),
  apiKeyUpdate: (f) => ({ id: f.apiKey, name: 'Renamed' }),
  apiKeyRevoke: (f) => ({ id: f.apiKey }),
  sessionCreate: (f) => ({ email: f.email, password: TEST_PASSWORD, organizationId: f.orgId }),
  sessionSwitchOrganization: (f) => ({ organizationId: f.orgId }),
  invitationCreate: (f) => ({ email: `invitee-${randomBytes(4).toString('hex')}@example.test`, role: 'MEMBER', teamIds: [f.team] }),
  invitationResend: (f) => ({ id: f.invitation }),
  invitationRevoke: (f) => ({ id: f.invitation }),
  organizationOwnershipTransfer: (f) => ({ userId: f.colleagueId }),
  membershipUpdate: (f) => ({ userId: f.colleagueId, role: 'ADMIN' }),
  membershipDelete: (f) => ({ userId: f.colleagueId }),
  permissionGrant: (f) => ({ objectId: f.task, subjectId: f.colleagueId, relation: 'VIEWER' }),
  permissionRevoke: (f) => ({ objectId: f.task, subjectId: f.colleagueId }),
  // Platform administrators' only: anyone else is refused the same whatever the ids.
  featureFlagSet: (f) => ({ key: 'tests.foreign', defaultEnabled: false, rules: [{ kind: 'ORGANIZATION', ids: [f.orgId], enabled: true }] }),
  webhookEndpointUpdate: (f) => ({ id: f.webhookEndpoint, description: 'Renamed' }),
  webhookEndpointSecretRotate: (f) => ({ id: f.webhookEndpoint, overlapHours: 1 }),
  webhookEndpointPing: (f) => ({ id: f.webhookEndpoint }),
  webhookEndpointDelete: (f) => ({ id: f.webhookEndpoint }),
  webhookEndpointRestore: (f) => ({ id: f.trashedWebhookEndpoint }),
  webhookEndpointPurge: (f) => ({ id: f.trashedWebhookEndpoint }),
  webhookDeliveryRedeliver: (f) => ({ id: f.webhookDelivery }),
  dataImportCreate: (f) => ({ type: 'Contact', fileId: f.peopleCsv }),
  dataImportMap: (f) => ({ id: f.dataImport, mapping: [{ column: 'First name', field: 'firstName' }] }),
  dataImportStart: (f) => ({ id: f.dataImport }),
  dataImportCancel: (f) => ({ id: f.dataImport }),
  dataImportDelete: (f) => ({ id: f.dataImport }),
  dataImportRestore: (f) => ({ id: f.trashedDataImport }),
  dataImportPurge: (f) => ({ id: f.trashedDataImport }),
  dataExportCancel: (f) => ({ id: f.dataExport }),
  savedSearchUpdate: (f) => ({ id: f.savedSearch, name: 'Renamed' }),
  savedSearchDelete: (f) => ({ id: f.savedSearch }),
  savedSearchRestore: (f) => ({ id: f.trashedSavedSearch }),
  savedSearchPurge: (f) => ({ id: f.trashedSavedSearch }),
  moduleAccessGrant: (f) => ({ module: 'finance', subjectId: f.colleagueId, relation: 'VIEWER' }),
  moduleAccessRevoke: (f) => ({ module: 'finance', subjectId: f.colleagueId }),
  teamUpdate: (f) => ({ id: f.team, name: 'Renamed' }),
  teamDelete: (f) => ({ id: f.team }),
  teamRestore: (f) => ({ id: f.trashedTeam }),
  teamMemberAdd: (f) => ({ teamId: f.team, userId: f.colleagueId }),
  teamMemberRemove: (f) => ({ teamId: f.team, userId: f.colleagueId }),
  teamPurge: (f) => ({ id: f.trashedTeam }),
  notificationMarkRead: (f) => ({ ids: [f.notification] }),
  taskAutomationCreate: (f) => ({
    boardId: f.board,
    name: 'Rule',
    trigger: 'task.created',
    actions: [{ type: 'set_field', field: 'priority', value: 'HIGH' }],
  }),
  taskAutomationSetActive: (f) => ({ id: f.automation, active: false }),
  taskAutomationDelete: (f) => ({ id: f.automation }),
  boardUpdate: (f) => ({ id: f.board, name: 'Renamed' }),
  boardDelete: (f) => ({ id: f.board }),
  boardRestore: (f) => ({ id: f.trashedBoard }),
  boardColumnCreate: (f) => ({ name: 'Column', boardId: f.board, afterColumnId: f.column }),
  boardColumnUpdate: (f) => ({ id: f.column, name: 'Renamed' }),
  boardColumnMove: (f) => ({ id: f.column, afterColumnId: f.column2 }),
  boardColumnDelete: (f) => ({ id: f.column }),
  checklistCreate: (f) => ({ taskId: f.task, title: 'List' }),
  checklistDelete: (f) => ({ id: f.checklist }),
  checklistItemAdd: (f) => ({ checklistId: f.checklist, title: 'Item', afterItemId: f.checklistItem }),
  checklistItemToggle: (f) => ({ id: f.checklistItem, done: true }),
  checklistItemMove: (f) => ({ id: f.checklistItem, afterItemId: f.checklistItem2 }),
  checklistItemUpdate: (f) => ({ id: f.checklistItem, title: 'Renamed' }),
  checklistItemDelete: (f) => ({ id: f.checklistItem }),
  taskCreate: (f) => ({ title: 'Task', assigneeId: f.userId, boardId: f.board, columnId: f.column, parentId: f.task }),
  taskUpdate: (f) => ({ id: f.task, assigneeId: f.userId, parentId: f.task2 }),
  taskMove: (f) => ({ id: f.task, columnId: f.column2, afterId: f.task2, beforeId: f.task3 }),
  taskDelete: (f) => ({ id: f.task }),
  taskRestore: (f) => ({ id: f.trashedTask }),
  taskDependencyAdd: (f) => ({ taskId: f.task3, dependsOnId: f.task2 }),
  taskDependencyRemove: (f) => ({ id: f.dependency }),
  taskRecurrenceCreate: (f) => ({ title: 'Daily', columnId: f.column, cron: '0 9 * * *', assigneeIds: [f.userId] }),
  taskRecurrencePause: (f) => ({ id: f.recurrence }),
  taskRecurrenceResume: (f) => ({ id: f.recurrence }),
  taskRecurrenceDelete: (f) => ({ id: f.recurrence }),
  timerStart: (f) => ({ taskId: f.task }),
  timeEntryCreate: (f) => ({ taskId: f.task, startedAt: '2026-01-01T09:00:00.000Z', durationSeconds: 60 }),
  timeEntryUpdate: (f) => ({ id: f.timeEntry, note: 'Edited' }),
  timeEntryDelete: (f) => ({ id: f.timeEntry }),
  taskWatcherAdd: (f) => ({ taskId: f.task, userId: f.colleagueId }),
  taskWatcherRemove: (f) => ({ taskId: f.task, userId: f.colleagueId }),
  taskPurge: (f) => ({ id: f.trashedTask }),
  noteCreate: (f) => ({ title: 'Note', visibility: 'TEAM', teamId: f.team, sharedWithIds: [f.colleagueId], aboutIds: [f.task] }),
  noteUpdate: (f) => ({ id: f.note, title: 'Edited' }),
  noteShare: (f) => ({ id: f.note, visibility: 'USERS', teamId: f.team, userIds: [f.colleagueId] }),
  noteAttach: (f) => ({ id: f.note, aboutIds: [f.task2] }),
  noteDetach: (f) => ({ id: f.note, aboutIds: [f.task] }),
  noteRevisionRestore: (f) => ({ id: f.note, number: 1 }),
  noteDelete: (f) => ({ id: f.note }),
  noteRestore: (f) => ({ id: f.trashedNote }),
  notePurge: (f) => ({ id: f.trashedNote }),
  fileUploadBegin: (f) => ({ name: 'Report.txt', contentType: 'text/plain', size: 3, aboutId: f.task, folderId: f.folder }),
  fileUploadComplete: (f) => ({ uploadId: f.upload }),
  fileRename: (f) => ({ id: f.file, name: 'Renamed.txt' }),
  fileDelete: (f) => ({ id: f.file }),
  fileRestore: (f) => ({ id: f.trashedFile }),
  filePurge: (f) => ({ id: f.trashedFile }),
  fileMove: (f) => ({ id: f.file, folderId: f.folder }),
  folderCreate: (f) => ({ name: 'New folder', parentId: f.folder }),
  folderRename: (f) => ({ id: f.folder, name: 'Renamed folder' }),
  folderMove: (f) => ({ id: f.folder2, parentId: f.folder }),
  folderDelete: (f) => ({ id: f.folder }),
  folderRestore: (f) => ({ id: f.trashedFolder }),
  folderPurge: (f) => ({ id: f.trashedFolder }),
  userAvatarSet: (f) => ({ userId: f.colleagueId, fileId: f.image }),
  boardPurge: (f) => ({ id: f.trashedBoard }),
  invoiceCreate: (f) => ({ contactId: f.contact, dealId: f.deal }),
  invoiceUpdate: (f) => ({ id: f.invoice, contactId: f.contact, dealId: f.deal }),
  invoiceLineAdd: (f) => ({ invoiceId: f.invoice, description: 'Extra', unitPrice: '1' }),
  invoiceLineUpdate: (f) => ({ id: f.invoiceLine, quantity: '2' }),
  invoiceLineRemove: (f) => ({ id: f.invoiceLine }),
  invoiceVoid: (f) => ({ id: f.invoice }),
  invoiceDuplicate: (f) => ({ id: f.invoice }),
  invoiceDelete: (f) => ({ id: f.invoice }),
  invoiceRestore: (f) => ({ id: f.trashedInvoice }),
  invoicePurge: (f) => ({ id: f.trashedInvoice }),
  invoiceSend: (f) => ({ id: f.invoice, to: ['refs@customer.test'] }),
  invoicePdf: (f) => ({ id: f.invoice }),
  invoicePay: (f) => ({ invoiceId: f.sentInvoice }),
  paymentRecord: (f) => ({ invoiceId: f.sentInvoice, amount: '1', method: 'CASH' }),
  paymentRefund: (f) => ({ paymentId: f.payment, amount: '1' }),
  creditNoteIssue: (f) => ({ invoiceId: f.sentInvoice, amount: '1' }),
  invoiceMakeRecurring: (f) => ({ invoiceId: f.invoice, frequency: 'MONTHLY', startDate: '2099-01-01' }),
  recurringInvoiceUpdate: (f) => ({ id: f.recurringInvoice, autoSend: true }),
  recurringInvoiceStop: (f) => ({ id: f.recurringInvoice }),
  documentCreate: (f) => ({ title: 'Document', ownerId: f.userId, aboutIds: [f.contact] }),
  documentUpdate: (f) => ({ id: f.document, title: 'Edited', ownerId: f.userId, aboutIds: [f.deal] }),
  documentStatusSet: (f) => ({ id: f.document, status: 'INTERNAL_REVIEW' }),
  documentVoid: (f) => ({ id: f.document, reason: 'Cancelled' }),
  documentPdf: (f) => ({ id: f.document, redline: false }),
  documentDelete: (f) => ({ id: f.document }),
  documentRestore: (f) => ({ id: f.trashedDocument }),
  documentPurge: (f) => ({ id: f.trashedDocument }),
  approvalWorkflowCreate: (f) => ({ name: 'Review', documentType: 'PROPOSAL', steps: [{ teamId: f.team }] }),
  approvalWorkflowUpdate: (f) => ({ id: f.approvalWorkflow, steps: [{ teamId: f.team }] }),
  approvalWorkflowDelete: (f) => ({ id: f.approvalWorkflow }),
  documentSubmitForApproval: (f) => ({ id: f.document }),
  approvalDecide: (f) => ({ id: f.approvalRequest, decision: 'APPROVE' }),
  documentSend: (f) => ({ id: f.document, email: 'reviewer@client.test' }),
  documentReviewRevoke: (f) => ({ id: f.documentReview }),
  documentSuggestionApprove: (f) => ({ id: f.documentSuggestion }),
  documentSuggestionReject: (f) => ({ id: f.documentSuggestion }),
  documentSignatureVoid: (f) => ({ id: f.document }),
  documentSendForSignature: (f) => ({ id: f.document, signers: [{ name: 'Signer', email: 'signer@refs.test', order: 1 }] }),
  deliverableCreate: (f) => ({ documentId: f.contract, title: 'Posts', quantity: 4, frequency: 'WEEKLY', dueDate: '2030-01-01', ownerId: f.userId }),
  deliverableUpdate: (f) => ({ id: f.deliverable, title: 'Edited', ownerId: f.userId }),
  deliverableProgressRecord: (f) => ({ id: f.deliverable, progress: 1 }),
  deliverableDelete: (f) => ({ id: f.deliverable }),
  documentRevise: (f) => ({ id: f.document, description: 'Edit', content: '<p>Edited</p>' }),
  documentChangeAccept: (f) => ({ id: f.documentChange }),
  documentChangeReject: (f) => ({ id: f.documentChange }),
  documentRevisionAccept: (f) => ({ id: f.document, revision: 1 }),
  documentRevisionReject: (f) => ({ id: f.document, revision: 1 }),
  clauseUpdate: (f) => ({ id: f.clause, body: '<p>Edited</p>' }),
  clauseDelete: (f) => ({ id: f.clause }),
  clauseRestore: (f) => ({ id: f.trashedClause }),
  clausePurge: (f) => ({ id: f.trashedClause }),
  documentCreateFromTemplate: (f) => ({ templateId: f.document, title: 'From template', aboutIds: [f.task], ownerId: f.userId }),
  documentClauseInsert: (f) => ({ id: f.document, clauseId: f.clause }),
  documentClauseMove: (f) => ({ id: f.document, clauseId: f.clause, position: 0 }),
  documentClauseOverride: (f) => ({ id: f.document, clauseId: f.clause, body: '<p>Own</p>' }),
  documentClauseRefresh: (f) => ({ id: f.document, clauseId: f.clause }),
  documentClauseRemove: (f) => ({ id: f.document, clauseId: f.clause }),
  expenseSubmit: (f) => ({ category: 'TRAVEL', amount: '12.50', currencyCode: 'EUR', expenseDate: '2026-11-01', receiptId: f.file }),
  expenseUpdate: (f) => ({ id: f.expense, receiptId: f.file }),
  expenseApprove: (f) => ({ id: f.expense }),
  expenseReject: (f) => ({ id: f.expense, reason: 'No' }),
  expenseReimburse: (f) => ({ id: f.expense }),
  expenseDelete: (f) => ({ id: f.expense }),
  expenseRestore: (f) => ({ id: f.trashedExpense }),
  expensePurge: (f) => ({ id: f.trashedExpense }),
};

/** Paths (`input.contacts.stageId`) of every ID-typed field reachable through an argument's input objects. */
function idPaths(type: GraphQLInputType, prefix: string, seen: ReadonlySet<string> = new Set()): string[] {
  const named = getNamedType(type);
  if (named.name === 'ID') return [prefix];
  // A filter's ids select rows (another organization's match nothing); they are never written as references.
  if (!isInputObjectType(named) || seen.has(named.name) || named.name.endsWith('Filter')) return [];
  return Object.values(named.getFields()).flatMap((field) => idPaths(field.type, `${prefix}.${field.name}`, new Set([...seen, named.name])));
}

function mutationsWithIds(schema: GraphQLSchema): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    const paths = field.args.flatMap((arg) => idPaths(arg.type, arg.name));
    if (paths.length) found.set(field.name, paths);
  }
  return found;
}

/** The values at `path` (lists of input objects are walked element by element). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (!path.length) return value === undefined || value === null ? [] : [value];
  if (typeof value !== 'object' || value === null) return [];
  return valuesAt((value as Input)[path[0]!], path.slice(1));
}

function replaceAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  if (Array.isArray(value) && path.length) return value.map((item) => replaceAt(item, path, replacement));
  if (!path.length) return replacement;
  const object = value as Input;
  return { ...object, [path[0]!]: replaceAt(object[path[0]!], path.slice(1), replacement) };
}

/** The id (or list of ids) at `path` of the input, as it appears there. */
function idAt(input: Input, path: readonly string[]): string | string[] {
  const [value] = valuesAt(input, path.slice(0, -1)).map((parent) => (parent as Input)[path.at(-1)!]);
  return value as string | string[];
}

/** A well-formed id of the same type as `id` that names nothing. */
function randomIdLike(id: string | string[]): string | string[] {
  if (Array.isArray(id)) return id.map((one) => randomIdLike(one) as string);
  return toGlobalId(parseGlobalId(id)!.typeName, uuidv7());
}

let cell: TestCell;
let schema: GraphQLSchema;
let caller: TestUser;
let victim: TestUser;
let mine: Fixture;
let theirs: Fixture;

async function call(user: TestUser, mutation: string, input: Input | undefined, select: string) {
  const args = input === undefined ? '' : `(input: $input)`;
  const argType = schema.getMutationType()!.getFields()[mutation]!.args[0]?.type.toString();
  const variables = input === undefined ? '' : `($input: ${argType})`;
  return cell.gql(`mutation${variables} { ${mutation}${args} { ${select} } }`, input === undefined ? {} : { input }, user.token);
}

async function data(user: TestUser, mutation: string, input: Input, select: string): Promise<GraphQLData> {
  const result = await call(user, mutation, input, `${select} userErrors { code message }`);
  expect(result.errors, `${mutation}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  expect(result.data![mutation].userErrors, mutation).toEqual([]);
  return result.data![mutation];
}

/** Invites a colleague into `owner`'s organization (a member other than the caller, for membership inputs). */
async function colleagueOf(owner: TestUser): Promise<string> {
  const email = `colleague-${randomBytes(4).toString('hex')}@example.test`;
  await data(owner, 'invitationCreate', { email, role: 'MEMBER' }, 'invitation { id }');
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  return accepted.data!.invitationAccept.session.user.id;
}

/** One object of every type an input can reference, in `owner`'s organization (some of them in the trash). */
async function buildFixture(owner: TestUser) {
  const colleagueId = await colleagueOf(owner);
  const team = (await data(owner, 'teamCreate', { name: 'Team' }, 'team { id }')).team.id as string;
  const trashedTeam = (await data(owner, 'teamCreate', { name: 'Old team' }, 'team { id }')).team.id as string;
  await data(owner, 'teamDelete', { id: trashedTeam }, '');
  const invitation = (
    await data(owner, 'invitationCreate', { email: `pending-${randomBytes(4).toString('hex')}@example.test`, role: 'MEMBER' }, 'invitation { id }')
  ).invitation.id as string;
  const apiKey = (await data(owner, 'apiKeyCreate', { name: 'Key', scopes: ['tasks:read'] }, 'apiKey { id }')).apiKey.id as string;

  const boardOf = async (name: string) =>
    (await data(owner, 'boardCreate', { name, columns: [{ name: 'A' }, { name: 'B' }] }, 'board { id columns { id } }')).board;
  const boardRow = await boardOf('Board');
  const board = boardRow.id as string;
  const [column, column2] = boardRow.columns.map((c: { id: string }) => c.id) as [string, string];
  const trashedBoard = (await boardOf('Old board')).id as string;
  await data(owner, 'boardDelete', { id: trashedBoard }, '');
  const taskOf = async (title: string) => (await data(owner, 'taskCreate', { title, boardId: board, columnId: column }, 'task { id }')).task.id as string;
  const [task, task2, task3, trashedTask] = [await taskOf('One'), await taskOf('Two'), await taskOf('Three'), await taskOf('Old')];
  await data(owner, 'taskDelete', { id: trashedTask }, '');
  const checklistRow = (await data(owner, 'checklistCreate', { taskId: task, title: 'List', items: ['a', 'b'] }, 'checklist { id items { id } }')).checklist;
  const [checklistItem, checklistItem2] = checklistRow.items.map((i: { id: string }) => i.id) as [string, string];
  const dependency = (await data(owner, 'taskDependencyAdd', { taskId: task, dependsOnId: task2 }, 'dependency { id }')).dependency.id as string;
  const recurrence = (await data(owner, 'taskRecurrenceCreate', { title: 'Weekly', columnId: column, cron: '0 9 * * 1' }, 'recurrence { id }')).recurrence
    .id as string;
  const timeEntry = (await data(owner, 'timeEntryCreate', { taskId: task2, startedAt: '2026-01-01T08:00:00.000Z', durationSeconds: 60 }, 'timeEntry { id }'))
    .timeEntry.id as string;
  const automation = (
    await data(
      owner,
      'taskAutomationCreate',
      { boardId: board, name: 'Rule', trigger: 'task.completed', actions: [{ type: 'set_field', field: 'priority', value: 'LOW' }] },
      'automation { id }',
    )
  ).automation.id as string;

  const pipelineOf = async (type: string) =>
    (
      await data(
        owner,
        'pipelineCreate',
        {
          name: `${type} pipeline`,
          type,
          stages: [
            { name: 'S1', probability: 10 },
            { name: 'S2', probability: 50 },
          ],
        },
        'pipeline { id stages { id } }',
      )
    ).pipeline;
  const dealPipelineRow = await pipelineOf('DEAL');
  const dealPipeline = dealPipelineRow.id as string;
  const [dealStage, dealStage2] = dealPipelineRow.stages.map((s: { id: string }) => s.id) as [string, string];
  const leadStage = (await pipelineOf('LEAD')).stages[0].id as string;
  const trashedPipeline = (await pipelineOf('DEAL')).id as string;
  await data(owner, 'pipelineDelete', { id: trashedPipeline }, '');
  const contactOf = async (firstName: string) => (await data(owner, 'contactCreate', { firstName }, 'contact { id }')).contact.id as string;
  const [contact, contact2, trashedContact] = [await contactOf('Ada'), await contactOf('Bob'), await contactOf('Old')];
  await data(owner, 'contactDelete', { id: trashedContact }, '');
  const dealOf = async (title: string) => (await data(owner, 'dealCreate', { contactId: contact, title, stageId: dealStage }, 'deal { id }')).deal.id as string;
  const [deal, trashedDeal] = [await dealOf('Deal'), await dealOf('Old deal')];
  await data(owner, 'dealDelete', { id: trashedDeal }, '');
  const interactionOf = async () =>
    (await data(owner, 'interactionLog', { contactId: contact, type: 'NOTE', body: 'Note' }, 'interaction { id }')).interaction.id as string;
  const [interaction, trashedInteraction] = [await interactionOf(), await interactionOf()];
  await data(owner, 'interactionDelete', { id: trashedInteraction }, '');
  const contactField = (await data(owner, 'contactFieldCreate', { key: 'tier', label: 'Tier', type: 'TEXT' }, 'contactField { id }')).contactField.id as string;

  const invoiceOf = async () =>
    (await data(owner, 'invoiceCreate', { contactId: contact, dealId: deal, lines: [{ description: 'Work', unitPrice: '10' }] }, 'invoice { id lines { id } }'))
      .invoice as { id: string; lines: { id: string }[] };
  const invoiceRow = await invoiceOf();
  const [invoice, invoiceLine, trashedInvoice] = [invoiceRow.id, invoiceRow.lines[0]!.id, (await invoiceOf()).id];
  await data(owner, 'invoiceDelete', { id: trashedInvoice }, 'deletedInvoiceId');
  // An issued invoice with a payment (issued by SQL as the owner: sending's PDF and e-mail are beside the point).
  const sentInvoice = (await invoiceOf()).id;
  await withClient(cell.database.url, (db) =>
    db.query(`UPDATE finance.invoices SET status = 'sent', sent_at = now() WHERE id = $1`, [parseGlobalId(sentInvoice)!.uuid]),
  );
  const payment = (await data(owner, 'paymentRecord', { invoiceId: sentInvoice, amount: '5', method: 'CHECK' }, 'payment { id }')).payment.id as string;
  // A recurring invoice of its own template (so `invoiceMakeRecurring` of `invoice` is not refused as already recurring).
  const recurringInvoice = (
    await data(owner, 'invoiceMakeRecurring', { invoiceId: (await invoiceOf()).id, frequency: 'MONTHLY', startDate: '2099-01-01' }, 'recurringInvoice { id }')
  ).recurringInvoice.id as string;
  const tag = (await data(owner, 'tagCreate', { name: 'Hot' }, 'tag { id }')).tag.id as string;
  const comment = (await data(owner, 'commentCreate', { nodeId: task, body: 'First' }, 'comment { id }')).comment.id as string;
  const link = (await data(owner, 'linkCreate', { fromId: task, toId: contact, relationship: 'relates_to' }, 'link { id }')).link.id as string;

  const note = (await data(owner, 'noteCreate', { title: 'Note', aboutIds: [task] }, 'note { id }')).note.id as string;
  const trashedNote = (await data(owner, 'noteCreate', { title: 'Old note' }, 'note { id }')).note.id as string;
  await data(owner, 'noteDelete', { id: trashedNote }, 'note { id }');

  const document = (await data(owner, 'documentCreate', { title: 'Document', content: '<p data-field="terms">1</p>' }, 'document { id }')).document
    .id as string;
  const documentChange = (
    await data(owner, 'documentRevise', { id: document, description: 'Terms', fields: [{ field: 'terms', value: '2' }] }, 'revision { changes { id } }')
  ).revision.changes[0].id as string;
  const trashedDocument = (await data(owner, 'documentCreate', { title: 'Old document' }, 'document { id }')).document.id as string;
  await data(owner, 'documentDelete', { id: trashedDocument }, 'deletedDocumentId');
  const approvalWorkflow = (
    await data(owner, 'approvalWorkflowCreate', { name: 'Review', documentType: 'CONTRACT', steps: [{ role: 'ADMIN' }] }, 'approvalWorkflow { id }')
  ).approvalWorkflow.id as string;
  const forApproval = (await data(owner, 'documentCreate', { title: 'Submitted', type: 'CONTRACT' }, 'document { id }')).document.id as string;
  const approvalRequest = (await data(owner, 'documentSubmitForApproval', { id: forApproval }, 'approvalRequests { id }')).approvalRequests[0].id as string;
  // A review link of the document, e-mailed to a reviewer of this organization only, and a suggestion made with it.
  const reviewerEmail = `reviewer-${uuidv7()}@client.test`;
  const documentReview = (await data(owner, 'documentSend', { id: document, email: reviewerEmail }, 'review { id }')).review.id as string;
  const reviewToken = (await waitForEmail(cell, reviewerEmail)).token;
  const submitted = await cell.gql('mutation($input: DocumentSuggestionSubmitInput!) { documentSuggestionSubmit(input: $input) { suggestion { id } } }', {
    input: { token: reviewToken, section: 'fee', originalText: '500', suggestedText: '450' },
  });
  const documentSuggestion = submitted.data!.documentSuggestionSubmit.suggestion.id as string;
  // A signed contract with a deliverable (signed by hand: the signature flow has tests of its own).
  const contract = (await data(owner, 'documentCreate', { title: 'Contract' }, 'document { id }')).document.id as string;
  await markSignedContract(cell.database.url, contract);
  const deliverable = (
    await data(
      owner,
      'deliverableCreate',
      { documentId: contract, title: 'Posts', quantity: 4, frequency: 'WEEKLY', dueDate: '2030-01-01' },
      'deliverable { id }',
    )
  ).deliverable.id as string;
  const clauseOf = async (title: string) =>
    (await data(owner, 'clauseCreate', { title, category: 'General', body: '<p>Text</p>' }, 'clause { id }')).clause.id as string;
  const [clause, trashedClause] = [await clauseOf('Clause'), await clauseOf('Old clause')];
  await data(owner, 'clauseDelete', { id: trashedClause }, 'deletedClauseId');

  // Files: two uploaded as a client does (a presigned PUT each), one of them in the trash, and one upload begun only.
  const begin = async (name: string, contentType = 'text/plain', size = 3) =>
    (await data(owner, 'fileUploadBegin', { name, contentType, size, aboutId: task }, 'upload { id url method headers { name value } }')).upload as {
      id: string;
      url: string;
      method: string;
      headers: { name: string; value: string }[];
    };
  const uploaded = async (name: string, contentType = 'text/plain', body = 'abc') => {
    const upload = await begin(name, contentType, Buffer.byteLength(body));
    const sent = await fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body });
    expect(sent.status, `the fixture's upload of ${name}`).toBe(200);
    return (await data(owner, 'fileUploadComplete', { uploadId: upload.id }, 'file { id }')).file.id as string;
  };
  const [file, trashedFile, upload] = [await uploaded('Spec.txt'), await uploaded('Old.txt'), (await begin('Pending.txt')).id];
  await data(owner, 'fileDelete', { id: trashedFile }, 'deletedFileId');
  // Imports: two of a CSV file, one of them in the trash.
  const peopleCsv = await uploaded('People.csv', 'text/csv', 'First name,Email\nAda,ada@example.com\n');
  const importOf = async () => (await data(owner, 'dataImportCreate', { type: 'Contact', fileId: peopleCsv }, 'dataImport { id }')).dataImport.id as string;
  const [dataImport, trashedDataImport] = [await importOf(), await importOf()];
  await data(owner, 'dataImportDelete', { id: trashedDataImport }, 'deletedDataImportId');
  // An export of the tasks, finished before the attempts (its job stores a File and writes events).
  const dataExport = (await data(owner, 'dataExportCreate', { query: 'query { tasks { nodes { title } } }', format: 'CSV' }, 'dataExport { id }')).dataExport
    .id as string;
  await waitFor(
    async () =>
      ['SUCCEEDED', 'FAILED'].includes(
        (await cell.gql('query($id: ID!) { dataExport(id: $id) { state } }', { id: dataExport }, owner.token)).data?.dataExport?.state as string,
      ),
    `${owner.email}'s export finished`,
    120_000,
  );
  // Webhooks: two endpoints (one in the trash) and a ping, answered at once by a local receiver (no retry runs later).
  const { webhookEndpoint, trashedWebhookEndpoint, webhookDelivery } = await withHttpReceiver(async (url) => {
    const endpointOf = async () =>
      (await data(owner, 'webhookEndpointCreate', { url, eventTypes: ['webhook_endpoint.disabled'] }, 'webhookEndpoint { id }')).webhookEndpoint.id as string;
    const [endpoint, trashedEndpoint] = [await endpointOf(), await endpointOf()];
    await data(owner, 'webhookEndpointDelete', { id: trashedEndpoint }, 'deletedWebhookEndpointId');
    const delivery = (await data(owner, 'webhookEndpointPing', { id: endpoint }, 'delivery { id }')).delivery.id as string;
    await waitFor(
      async () => {
        const answer = await cell.gql(
          'query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 1) { nodes { state } } } }',
          { id: endpoint },
          owner.token,
        );
        return answer.data?.webhookEndpoint?.deliveries.nodes[0]?.state === 'SUCCEEDED';
      },
      `${owner.email}'s ping delivered`,
      120_000,
    );
    return { webhookEndpoint: endpoint, trashedWebhookEndpoint: trashedEndpoint, webhookDelivery: delivery };
  });
  const folderOf = async (name: string) => (await data(owner, 'folderCreate', { name }, 'folder { id }')).folder.id as string;
  const [folder, folder2, trashedFolder] = [await folderOf('Folder'), await folderOf('Folder 2'), await folderOf('Old folder')];
  await data(owner, 'folderDelete', { id: trashedFolder }, 'deletedFolderId');
  // An image of the owner's for userAvatarSet (a 1×1 PNG).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const imageUpload = (
    await data(owner, 'fileUploadBegin', { name: 'Face.png', contentType: 'image/png', size: png.length }, 'upload { id url method headers { name value } }')
  ).upload as { id: string; url: string; method: string; headers: { name: string; value: string }[] };
  const imageSent = await fetch(imageUpload.url, {
    method: imageUpload.method,
    headers: Object.fromEntries(imageUpload.headers.map((h) => [h.name, h.value])),
    body: new Uint8Array(png),
  });
  expect(imageSent.status, "the fixture's upload of Face.png").toBe(200);
  const image = (await data(owner, 'fileUploadComplete', { uploadId: imageUpload.id }, 'file { id }')).file.id as string;

  // Expenses: one pending with the file as its receipt, one in the trash.
  const expenseOf = async () =>
    (
      await data(
        owner,
        'expenseSubmit',
        { category: 'TRAVEL', amount: '12.50', currencyCode: 'EUR', expenseDate: '2026-11-01', receiptId: file },
        'expense { id }',
      )
    ).expense.id as string;
  const [expense, trashedExpense] = [await expenseOf(), await expenseOf()];
  await data(owner, 'expenseDelete', { id: trashedExpense }, 'deletedExpenseId');

  const notificationId = uuidv7();
  await withClient(cell.database.url, (client) =>
    client.query(
      `INSERT INTO notifications.notifications (id, org_id, recipient_id, event_id, event_type, title) VALUES ($1, $2, $3, $4, 'task.assigned', 'Assigned')`,
      [notificationId, parseGlobalId(owner.organizationId)!.uuid, parseGlobalId(owner.userId)!.uuid, uuidv7()],
    ),
  );
  const notification = toGlobalId('Notification', notificationId);
  const savedSearchOf = async (name: string) => (await data(owner, 'savedSearchCreate', { name, query: name }, 'savedSearch { id }')).savedSearch.id as string;
  const savedSearch = await savedSearchOf('Reports');
  const trashedSavedSearch = await savedSearchOf('Old reports');
  await data(owner, 'savedSearchDelete', { id: trashedSavedSearch }, '');

  return {
    ...{
      userId: owner.userId,
      orgId: owner.organizationId,
      email: owner.email,
      colleagueId,
      team,
      trashedTeam,
      invitation,
      apiKey,
      savedSearch,
      trashedSavedSearch,
    },
    ...{ peopleCsv, dataImport, trashedDataImport, dataExport, webhookEndpoint, trashedWebhookEndpoint, webhookDelivery },
    ...{ board, column, column2, trashedBoard, task, task2, task3, trashedTask, checklist: checklistRow.id as string, checklistItem, checklistItem2 },
    ...{ dependency, recurrence, timeEntry, automation, dealPipeline, dealStage, dealStage2, leadStage, trashedPipeline },
    ...{
      contact,
      contact2,
      trashedContact,
      deal,
      trashedDeal,
      interaction,
      trashedInteraction,
      contactField,
      invoice,
      invoiceLine,
      trashedInvoice,
      sentInvoice,
      payment,
      recurringInvoice,
      tag,
      comment,
      link,
      notification,
      note,
      trashedNote,
      document,
      documentChange,
      trashedDocument,
      approvalWorkflow,
      approvalRequest,
      documentReview,
      documentSuggestion,
      contract,
      deliverable,
      clause,
      trashedClause,
      file,
      trashedFile,
      image,
      upload,
      folder,
      folder2,
      trashedFolder,
      expense,
      trashedExpense,
    },
  };
}

/** The statement counting the rows of every table of every subgraph's schema (the tests create no table). */
let countStatement: string | undefined;

/** Rows in every table of every subgraph's schema (the outboxes included): a write changes it. */
async function rowCounts(): Promise<Record<string, number>> {
  return withClient(cell.database.url, async (client) => {
    if (!countStatement) {
      const { rows: tables } = await client.query<{ name: string }>(
        `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1) ORDER BY 1`,
        [cell.cell.subgraphs.map((s) => s.name)],
      );
      countStatement = tables.map((t) => `SELECT '${t.name}' AS name, count(*) AS count FROM ${t.name}`).join(' UNION ALL ');
    }
    const { rows } = await client.query<{ name: string; count: string }>(countStatement);
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
  });
}

/** What a client can tell from an answer: error codes and the fields they name. */
function outcome(result: Awaited<ReturnType<typeof call>>, mutation: string) {
  return {
    errors: (result.errors ?? []).map((e) => e.extensions?.code),
    userErrors: ((result.data?.[mutation] as { userErrors?: { code: string; field: string[] | null }[] } | null)?.userErrors ?? []).map(({ code, field }) => ({
      code,
      field,
    })),
  };
}

beforeAll(async () => {
  cell = await startTestCell();
  schema = buildSchema(composeCell(loadCell('all'), await subgraphSdls([loadCell('all')])).apiSchema);
  caller = await cell.signUp('Caller');
  victim = await cell.signUp('Victim');
  // Two organizations, nothing in common: built side by side.
  [mine, theirs] = await Promise.all([buildFixture(caller), buildFixture(victim)]);
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

describe('ids in mutation inputs', () => {
  it('has a base input for every mutation that carries an id, naming every id field', () => {
    const missing: string[] = [];
    for (const [mutation, paths] of mutationsWithIds(schema)) {
      const base = BASE_INPUTS[mutation];
      if (!base) missing.push(`${mutation} (no entry in BASE_INPUTS)`);
      else for (const path of paths) if (!valuesAt({ input: base(mine) }, path.split('.')).length) missing.push(`${mutation}: ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('refuses another organization’s real id exactly as a random id, writing nothing, never with INTERNAL_SERVER_ERROR', async () => {
    const leaks: string[] = [];
    /** One id position of a mutation, tried with a random id and with the other organization's: how the two answers differ, if they do. */
    const probes = [...mutationsWithIds(schema)].flatMap(([mutation, paths]) => {
      const payload = getNamedType(schema.getMutationType()!.getFields()[mutation]!.type);
      const select = isObjectType(payload) && payload.getFields().userErrors ? 'userErrors { code field }' : '__typename';
      return paths.map((path) => {
        const name = `${mutation} ${path}`;
        const run = async (): Promise<string | null> => {
          const parts = path.split('.');
          const base = BASE_INPUTS[mutation]!;
          const foreignId = idAt({ input: base(theirs) }, parts);
          const attempt = async (id: unknown) =>
            outcome(await call(caller, mutation, (replaceAt({ input: base(mine) }, parts, id) as { input: Input }).input, select), mutation);
          const random = await attempt(randomIdLike(foreignId));
          const foreign = await attempt(foreignId);
          const internal = [...random.errors, ...foreign.errors].includes('INTERNAL_SERVER_ERROR');
          return internal || JSON.stringify(foreign) !== JSON.stringify(random)
            ? `${name}: random ${JSON.stringify(random)} foreign ${JSON.stringify(foreign)}`
            : null;
        };
        return { name, run };
      });
    });
    // The tables whose row counts `work` changed. Rows the events of earlier writes still project
    // (the activity feed) are settled first. Counting every table is the slow part, so it is done
    // per batch of probes, and per probe only in a batch that wrote, to name the probe.
    const tablesWrittenBy = async (work: () => Promise<void>) => {
      await waitUntilSettled(cell);
      const before = await rowCounts();
      await work();
      await waitUntilSettled(cell);
      const after = await rowCounts();
      return Object.keys(after).filter((table) => after[table] !== before[table]);
    };
    for (let start = 0; start < probes.length; start += 25) {
      const batch = probes.slice(start, start + 25);
      const written = await tablesWrittenBy(async () => {
        for (const probe of batch) {
          const differs = await probe.run();
          if (differs) leaks.push(differs);
        }
      });
      if (!written.length) continue;
      let named = false;
      for (const probe of batch) {
        const tables = await tablesWrittenBy(async () => void (await probe.run()));
        if (tables.length) leaks.push(`${probe.name}: wrote ${tables.join(', ')}`);
        named ||= tables.length > 0;
      }
      if (!named) leaks.push(`one of ${batch.map((probe) => probe.name).join('; ')} wrote ${written.join(', ')} (none again when tried one by one)`);
    }
    expect(probes.length).toBeGreaterThan(200);
    expect(leaks).toEqual([]);
  }, 600_000);

  it('lets the victim purge its contact after the attempts', async () => {
    const deleted = await call(victim, 'contactDelete', { id: theirs.contact }, 'userErrors { code field }');
    expect(deleted.data!.contactDelete.userErrors).toEqual([]);
    const purged = await call(victim, 'contactPurge', { id: theirs.contact }, 'deletedContactId userErrors { code field }');
    expect(purged.errors).toBeUndefined();
    expect(purged.data!.contactPurge).toEqual({ deletedContactId: theirs.contact, userErrors: [] });
  });

  it('keys references by organization in the database, so rows written before cannot block the purge sweep', async () => {
    const uuid = (id: string) => parseGlobalId(id)!.uuid;
    const [referenced, expired] = [theirs.contact2, theirs.trashedContact];
    await call(victim, 'contactDelete', { id: referenced }, 'userErrors { code }');
    await withClient(cell.database.url, async (client) => {
      const [deal] = (await client.query('SELECT * FROM crm.deals WHERE id = $1', [uuid(mine.deal)])).rows;
      const insert = () =>
        client.query('INSERT INTO crm.deals SELECT (json_populate_record(NULL::crm.deals, $1)).*', [
          JSON.stringify({ ...deal, id: uuidv7(), contact_id: uuid(referenced) }),
        ]);
      await expect(insert()).rejects.toMatchObject({ code: '23503' });
      // A cross-organization reference written before the database refused them.
      await client.query(`SET session_replication_role = replica`);
      await insert();
      await client.query(`SET session_replication_role = DEFAULT`);
      await client.query(`UPDATE crm.contacts SET deleted_at = now() - interval '40 days' WHERE id = ANY($1)`, [[uuid(referenced), uuid(expired)]]);
    });
    const crm = cell.subgraphs.find((server) => server.runtime.db.schema === 'crm')!;
    expect(await crm.trash!.sweep()).toBe(2);
    const left = await withClient(
      cell.database.url,
      async (client) => (await client.query('SELECT id FROM crm.contacts WHERE id = ANY($1)', [[uuid(referenced), uuid(expired)]])).rows,
    );
    expect(left).toEqual([]);
  });
});
