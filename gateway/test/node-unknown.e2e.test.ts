import { readFileSync } from 'node:fs';
import { parseGlobalId, toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { withClient } from '@cellgraph/kernel/testing';
import { buildSchema, getNamedType, isLeafType, isRequiredArgument, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { markSignedContract } from '../../scripts/testing/documents.js';

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  [owner, stranger] = await Promise.all([cell.signUp('Owner'), cell.signUp('Stranger')]);
});
afterAll(async () => {
  await cell?.stop();
});

const schema = buildSchema(readFileSync(new URL('../../schema/cells/all/schema.graphql', import.meta.url), 'utf8'));
const nodeTypes = schema.getPossibleTypes(schema.getType('Node') as never) as readonly GraphQLObjectType[];

/** `type`'s fields a client can select without arguments, each as a selection (`name`, `contacts { __typename }`). */
const fieldSelections = (type: GraphQLObjectType) =>
  Object.values(type.getFields())
    .filter((field) => field.args.every((arg) => !isRequiredArgument(arg)))
    .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`));

/** What a client may select on a node: only its type and id, every field at once, and each field alone (each may be another subgraph's). */
const selections = (type: GraphQLObjectType) =>
  ['__typename id', `__typename ${fieldSelections(type).join(' ')}`, ...fieldSelections(type)].map((fields) => `... on ${type.name} { ${fields} }`);

const mutate = async (user: TestUser, field: string, input: Record<string, unknown>, select: string): Promise<string> => {
  const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const result = await cell.gql(
    `mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} { id } userErrors { code message } } }`,
    { input },
    user.token,
  );
  expect(result.data?.[field]?.userErrors ?? result.errors).toEqual([]);
  return result.data![field][select].id as string;
};

/** A real object of each Node type in `user`'s organization. New Node types must be added here. */
const realIdOf: Record<string, (user: TestUser) => Promise<string>> = {
  User: async (user) => user.userId,
  Organization: async (user) => user.organizationId,
  Team: (user) => mutate(user, 'teamCreate', { name: 'Hidden team' }, 'team'),
  Board: (user) => mutate(user, 'boardCreate', { name: 'Hidden board' }, 'board'),
  Task: (user) => mutate(user, 'taskCreate', { title: 'Hidden task' }, 'task'),
  Contact: (user) => mutate(user, 'contactCreate', { firstName: 'Hidden' }, 'contact'),
  Pipeline: (user) => mutate(user, 'pipelineCreate', { name: 'Hidden pipeline' }, 'pipeline'),
  Deal: async (user) =>
    mutate(user, 'dealCreate', { title: 'Hidden deal', contactId: await realIdOf.Contact!(user), pipelineId: await realIdOf.Pipeline!(user) }, 'deal'),
  Note: (user) => mutate(user, 'noteCreate', { title: 'Hidden note', visibility: 'ORGANIZATION' }, 'note'),
  Document: (user) => mutate(user, 'documentCreate', { title: 'Hidden document' }, 'document'),
  ApprovalWorkflow: (user) =>
    mutate(user, 'approvalWorkflowCreate', { name: 'Hidden workflow', documentType: 'CONTRACT', steps: [{ role: 'ADMIN' }] }, 'approvalWorkflow'),
  ApprovalRequest: async (user) => {
    await mutate(user, 'approvalWorkflowCreate', { name: 'Hidden review', documentType: 'NDA', steps: [{ role: 'OWNER' }] }, 'approvalWorkflow');
    const document = await mutate(user, 'documentCreate', { title: 'Hidden submitted', type: 'NDA' }, 'document');
    const submitted = await cell.gql(
      'mutation($id: ID!) { documentSubmitForApproval(input: { id: $id }) { approvalRequests { id } userErrors { code } } }',
      { id: document },
      user.token,
    );
    expect(submitted.data?.documentSubmitForApproval?.userErrors ?? submitted.errors).toEqual([]);
    return submitted.data!.documentSubmitForApproval.approvalRequests[0].id as string;
  },
  Deliverable: async (user) => {
    const documentId = await realIdOf.Document!(user);
    await markSignedContract(cell.database.url, documentId);
    return mutate(user, 'deliverableCreate', { documentId, title: 'Hidden deliverable', quantity: 1, frequency: 'ONCE', dueDate: '2030-01-01' }, 'deliverable');
  },
  Invoice: async (user) =>
    mutate(user, 'invoiceCreate', { contactId: await realIdOf.Contact!(user), lines: [{ description: 'Hidden work', unitPrice: '10' }] }, 'invoice'),
  Payment: async (user) => {
    const invoiceId = await realIdOf.Invoice!(user);
    // Issued by SQL: sending (a PDF, an e-mail) is beside the point here.
    await withClient(cell.database.url, (db) => db.query(`UPDATE finance.invoices SET status = 'sent' WHERE id = $1`, [parseGlobalId(invoiceId)!.uuid]));
    return mutate(user, 'paymentRecord', { invoiceId, amount: '1', method: 'CASH' }, 'payment');
  },
  Clause: (user) => mutate(user, 'clauseCreate', { title: 'Hidden clause', category: 'General', body: '<p>Hidden</p>' }, 'clause'),
  Folder: (user) => mutate(user, 'folderCreate', { name: 'Hidden folder' }, 'folder'),
  Expense: (user) =>
    mutate(user, 'expenseSubmit', { category: 'OTHER', amount: '1.00', currencyCode: 'EUR', expenseDate: '2026-01-01', vendor: 'Hidden vendor' }, 'expense'),
  RecurringInvoice: async (user) =>
    mutate(user, 'invoiceMakeRecurring', { invoiceId: await realIdOf.Invoice!(user), frequency: 'MONTHLY', startDate: '2099-01-01' }, 'recurringInvoice'),
  File: async (user) => {
    // Uploaded as a client does: begin, a presigned PUT, complete.
    const begun = await cell.gql(
      'mutation($input: FileUploadBeginInput!) { fileUploadBegin(input: $input) { upload { id url method headers { name value } } userErrors { code } } }',
      { input: { name: 'Hidden.txt', contentType: 'text/plain', size: 6 } },
      user.token,
    );
    expect(begun.data?.fileUploadBegin?.userErrors ?? begun.errors).toEqual([]);
    const upload = begun.data!.fileUploadBegin.upload as { id: string; url: string; method: string; headers: { name: string; value: string }[] };
    const sent = await fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body: 'hidden' });
    expect(sent.status).toBe(200);
    return mutate(user, 'fileUploadComplete', { uploadId: upload.id }, 'file');
  },
};

describe('node(id:) and nodes(ids:) for ids that do not exist or belong to another organization', () => {
  it('cover every Node type of the cell', () => {
    expect(nodeTypes.length).toBeGreaterThan(0);
    expect(nodeTypes.map((type) => type.name).sort()).toEqual(Object.keys(realIdOf).sort());
  });

  it.each(nodeTypes.map((type) => [type.name, type] as const))('%s: null, with no error, whatever is selected', async (name, type) => {
    const ids = [toGlobalId(name, uuidv7()), await realIdOf[name]!(stranger)];
    for (const selection of selections(type)) {
      for (const id of ids) {
        const one = await cell.gql(`query($id: ID!) { node(id: $id) { ${selection} } }`, { id }, owner.token);
        expect({ selection, id, data: one.data, errors: one.errors }).toEqual({ selection, id, data: { node: null }, errors: undefined });
      }
      const many = await cell.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { ${selection} } }`, { ids }, owner.token);
      expect({ selection, data: many.data, errors: many.errors }).toEqual({ selection, data: { nodes: [null, null] }, errors: undefined });
    }
  });
});
