import { fromGlobalId, uuidv7 } from '@cellgraph/kernel';
import { waitFor, withClient } from '@cellgraph/kernel/testing';
import { TEST_PASSWORD, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../testing/cell-harness.js';
import type { GraphQLData } from '../runtime/graphql-client.js';
import type { ConnectionPlace } from '../testing/connection-walker.js';
import { markSignedContract } from '../testing/documents.js';
import { withHttpReceiver } from '../testing/http-receiver.js';

/**
 * The data every connection of cell `all` is walked over: each connection gets 5 to 8 rows. The
 * owner walks them all (owners read everything); a member writes the comments and links, so the
 * owner's own activity stays below one page of 100.
 */
export interface World {
  owner: TestUser;
  member: TestUser;
  /** One object of each Node type, for the connections every node has (comments, links, activity…). */
  nodes: Record<string, string>;
  task: string;
  board: string;
  column: string;
  team: string;
  contact: string;
  deal: string;
  pipeline: string;
  tag: string;
  comment: string;
  /** The 7 files uploaded on their own for Query.files (every Node's files would be more than one reference page). */
  files: string[];
  /** The webhook endpoint with 7 deliveries. */
  webhookEndpoint: string;
}

/**
 * How to reach each connection field with rows in it, by schema coordinate. `Node.<field>` serves
 * the field on every Node type (the object of that type in `world.nodes`). A connection field that
 * has no entry here fails the pagination test: add one when adding a connection.
 */
/** Connections the walk leaves out, and why (each is paged by its own module's tests). */
export const unwalkedConnections: Record<string, string> = {
  'Query.scheduledJobRuns':
    'platform administrators only; a capped run history in Redis (telemetry) that grows while it is paged, first/after only — identity’s scheduled-jobs test pages it',
};

export const connectionPlaces: Record<string, (world: World) => { place: ConnectionPlace; args?: string }> = {
  'Query.tasks': () => ({ place: root }),
  'Query.contacts': () => ({ place: root }),
  'Query.deals': () => ({ place: root }),
  'Query.pipelines': () => ({ place: root }),
  'Query.boards': () => ({ place: root }),
  'Query.tags': () => ({ place: root }),
  'Query.trash': () => ({ place: root }),
  'Query.myActivity': () => ({ place: root }),
  'Query.notifications': () => ({ place: root }),
  'Query.emailLog': () => ({ place: root }),
  'Query.notes': () => ({ place: root }),
  'Query.files': (world) => ({ place: root, args: `filter: { id: { in: ${JSON.stringify(world.files)} } }` }),
  'Query.folders': () => ({ place: root }),
  'Query.documents': () => ({ place: root }),
  'Query.approvalWorkflows': () => ({ place: root }),
  'Document.approvalRequests': (world) => ({ place: onNode(world.nodes.Document!, 'Document') }),
  'Document.reviews': (world) => ({ place: onNode(world.nodes.Document!, 'Document') }),
  'Document.suggestions': (world) => ({ place: onNode(world.nodes.Document!, 'Document') }),
  'Document.deliverables': (world) => ({ place: onNode(world.nodes.Document!, 'Document') }),
  'Query.clauses': () => ({ place: root }),
  'Query.invoices': () => ({ place: root }),
  'Query.recurringInvoices': () => ({ place: root }),
  'RecurringInvoice.invoices': (world) => ({ place: onNode(world.nodes.RecurringInvoice!, 'RecurringInvoice') }),
  'Query.expenses': () => ({ place: root }),
  'Contact.invoices': (world) => ({ place: onNode(world.contact, 'Contact') }),
  'Deal.invoices': (world) => ({ place: onNode(world.deal, 'Deal') }),
  'Query.payments': () => ({ place: root }),
  // The owner's audit log: the world's deletions, members and invitations (seq bounds it below one reference page).
  'Query.auditEntries': () => ({ place: root, args: 'filter: { seq: { lte: 100 } }' }),
  'Query.savedSearches': () => ({ place: root }),
  'Query.webhookEndpoints': () => ({ place: root }),
  'WebhookEndpoint.deliveries': (world) => ({
    place: {
      wrap: (connection) => `webhookEndpoint(id: ${JSON.stringify(world.webhookEndpoint)}) { ${connection} }`,
      pick: (data, field) => data?.[field],
    },
  }),
  'Query.dataImports': () => ({ place: root }),
  'Query.dataExports': () => ({ place: root }),
  'Invoice.payments': (world) => ({ place: onNode(world.nodes.Invoice!, 'Invoice') }),
  'Clause.versions': (world) => ({ place: onNode(world.nodes.Clause!, 'Clause') }),
  'Folder.folders': (world) => ({ place: onNode(world.nodes.Folder!, 'Folder') }),
  'Query.taggedNodes': (world) => ({ place: root, args: `tagIds: [${JSON.stringify(world.tag)}], match: ANY` }),
  'User.assignedTasks': (world) => ({ place: onNode(world.owner.userId, 'User') }),
  'User.contacts': (world) => ({ place: onNode(world.owner.userId, 'User') }),
  'User.deals': (world) => ({ place: onNode(world.owner.userId, 'User') }),
  'Task.subtasks': (world) => ({ place: onNode(world.task, 'Task') }),
  'Board.tasks': (world) => ({ place: onNode(world.board, 'Board') }),
  'Board.scheduledTasks': (world) => ({ place: onNode(world.board, 'Board') }),
  'BoardColumn.tasks': (world) => ({
    place: {
      wrap: (connection) => `node(id: ${JSON.stringify(world.board)}) { ... on Board { columns { id ${connection} } } }`,
      pick: (data, field) => data?.columns.find((column: { id: string }) => column.id === world.column)?.[field],
    },
  }),
  'Team.tasks': (world) => ({ place: onNode(world.team, 'Team') }),
  'Team.members': (world) => ({ place: onNode(world.team, 'Team') }),
  'Organization.members': (world) => ({ place: onNode(world.owner.organizationId, 'Organization') }),
  'Organization.teams': (world) => ({ place: onNode(world.owner.organizationId, 'Organization') }),
  'Organization.invitations': (world) => ({ place: onNode(world.owner.organizationId, 'Organization') }),
  'Organization.apiKeys': (world) => ({ place: onNode(world.owner.organizationId, 'Organization') }),
  'Contact.deals': (world) => ({ place: onNode(world.contact, 'Contact') }),
  'Contact.interactions': (world) => ({ place: onNode(world.contact, 'Contact') }),
  'Contact.timeline': (world) => ({ place: onNode(world.contact, 'Contact') }),
  'Deal.interactions': (world) => ({ place: onNode(world.deal, 'Deal') }),
  'PipelineStage.deals': (world) => ({
    place: {
      wrap: (connection) => `node(id: ${JSON.stringify(world.pipeline)}) { ... on Pipeline { stages { ${connection} } } }`,
      pick: (data, field) => data?.stages[0]?.[field],
    },
  }),
  'Note.revisions': (world) => ({ place: onNode(world.nodes.Note!, 'Note') }),
  'Document.revisions': (world) => ({ place: onNode(world.nodes.Document!, 'Document') }),
  'Comment.replies': (world) => ({
    place: {
      wrap: (connection) => `node(id: ${JSON.stringify(world.task)}) { ... on Task { comments(first: 10) { nodes { id ${connection} } } } }`,
      pick: (data, field) => data?.comments.nodes.find((comment: { id: string }) => comment.id === world.comment)?.[field],
    },
  }),
};

/** Fields every Node type has (contributed by collaboration, and the node connections of notes, files and documents), walked on one object of each type. */
export const nodeFieldPlaces: Record<string, true> = { comments: true, links: true, activity: true, notes: true, files: true, documents: true };

const root: ConnectionPlace = { wrap: (connection) => connection, pick: (data) => data };

/** The connection on the object with global id `id`, of type `type`. */
export function onNode(id: string, type: string): ConnectionPlace {
  return { wrap: (connection) => `node(id: ${JSON.stringify(id)}) { ... on ${type} { ${connection} } }`, pick: (data, field) => data?.[field] };
}

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLData>;

function client(cell: TestCell, token: string): Gql {
  return async (query, variables = {}) => {
    const result = await cell.gql(query, variables, token);
    if (result.errors?.length) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(result.errors)}`);
    for (const payload of Object.values(result.data ?? {})) {
      const errors = (payload as { userErrors?: unknown[] } | null)?.userErrors;
      if (errors?.length) throw new Error(`${query.slice(0, 80)}: ${JSON.stringify(errors)}`);
    }
    return result.data!;
  };
}

/** One mutation document doing `count` calls of `field` with the inputs given (aliases m0, m1…). */
async function many(gql: Gql, field: string, inputs: Record<string, unknown>[], selection: string): Promise<GraphQLData[]> {
  const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const declarations = inputs.map((_input, index) => `$i${index}: ${inputType}!`).join(', ');
  const calls = inputs.map((_input, index) => `m${index}: ${field}(input: $i${index}) { ${selection} userErrors { code message } }`).join('\n');
  const data = await gql(`mutation(${declarations}) { ${calls} }`, Object.fromEntries(inputs.map((input, index) => [`i${index}`, input])));
  return inputs.map((_input, index) => data[`m${index}`]);
}

type FixtureFile = { name: string; aboutId?: string; folderId?: string } & (
  { size: number; body?: never; contentType?: never } | { body: string; contentType: string }
);

/**
 * Uploads text files as a client does (begin, a presigned PUT each, complete); their ids, in order.
 * In batches of 25: each begin asks the graph whether the object it is attached to is visible, and
 * a hundred such questions at once outrun the files module's graph client.
 */
async function uploadFiles(gql: Gql, files: FixtureFile[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < files.length; start += 25) ids.push(...(await uploadBatch(gql, files.slice(start, start + 25))));
  return ids;
}

async function uploadBatch(gql: Gql, files: FixtureFile[]): Promise<string[]> {
  const begun = await many(
    gql,
    'fileUploadBegin',
    files.map(({ body, ...file }) => ({ contentType: 'text/plain', ...file, ...(body === undefined ? {} : { size: Buffer.byteLength(body) }) })),
    'upload { id url method headers { name value } }',
  );
  for (const [index, { upload }] of begun.entries()) {
    const headers = Object.fromEntries((upload.headers as { name: string; value: string }[]).map((header) => [header.name, header.value]));
    const sent = await fetch(upload.url, { method: upload.method, headers, body: fileBody(files[index]!) });
    if (!sent.ok) throw new Error(`The fixture's upload ${index} was refused: ${sent.status}`);
  }
  const completed = await many(
    gql,
    'fileUploadComplete',
    begun.map(({ upload }) => ({ uploadId: upload.id })),
    'file { id }',
  );
  return completed.map(({ file }) => file.id as string);
}

const fileBody = (file: FixtureFile) => file.body ?? 'x'.repeat(file.size);

const range = (count: number) => Array.from({ length: count }, (_v, index) => index);
/** Titles and names with repeats, so orderings on them rely on the id to be total. */
const TITLES = ['Same', 'Alpha', 'Same', 'Zulu', 'Same', 'Alpha', 'Mike'];
const day = (index: number) => `2027-0${1 + (index % 3)}-1${index % 2}T09:30:00.000Z`;

export async function buildWorld(cell: TestCell): Promise<World> {
  const owner = await cell.signUp('Owner');
  const asOwner = client(cell, owner.token);

  // Five members by invitation (the first writes comments and links), six invitations left pending.
  const invited = range(5).map((index) => `member-${index}-${uuidv7().slice(-6)}@pagination.test`);
  await many(
    asOwner,
    'invitationCreate',
    [...invited, ...range(6).map((index) => `pending-${index}-${uuidv7().slice(-6)}@pagination.test`)].map((email) => ({ email, role: 'MEMBER' })),
    'invitation { id }',
  );
  const members = await Promise.all(
    invited.map(async (email, index) => {
      const { token } = await waitForEmail(cell, email, { timeoutMs: 30_000 });
      const accepted = await client(cell, '')(
        `mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } userErrors { code message } } }`,
        {
          input: { token, name: `Member ${index}`, password: TEST_PASSWORD },
        },
      );
      return { ...owner, token: accepted.invitationAccept.session.accessToken as string, userId: accepted.invitationAccept.session.user.id as string, email };
    }),
  );
  const member = members[0]!;
  const asMember = client(cell, member.token);

  const administration = (async () => {
    const teams = await many(
      asOwner,
      'teamCreate',
      range(6).map((index) => ({ name: `${TITLES[index]} ${index}` })),
      'team { id }',
    );
    const team = teams[0].team.id as string;
    await many(
      asOwner,
      'teamMemberAdd',
      [owner, ...members].map((user) => ({ teamId: team, userId: user.userId })),
      'teamMember { role }',
    );
    // Finance is a restricted module: the member who writes everywhere gets a finance editor grant.
    // (Finance has not loaded this organization's policies yet: its first request sees the grant.)
    await many(asOwner, 'moduleAccessGrant', [{ module: 'finance', subjectId: member.userId, relation: 'EDITOR' }], 'grant { relation }');
    await many(
      asOwner,
      'apiKeyCreate',
      range(6).map((index) => ({ name: `${TITLES[index]} ${index}`, scopes: ['tasks:read'] })),
      'apiKey { id }',
    );
    return team;
  })();

  const work = (async () => {
    const boards = await many(
      asMember,
      'boardCreate',
      range(6).map((index) => ({ name: TITLES[index], columns: index === 0 ? [{ name: 'Todo' }] : [] })),
      'board { id columns { id } }',
    );
    const board = boards[0].board.id as string;
    const column = boards[0].board.columns[0].id as string;
    const parent = (await many(asMember, 'taskCreate', [{ title: 'Parent' }], 'task { id }'))[0].task.id as string;
    const tasks = await many(
      asMember,
      'taskCreate',
      range(7).map((index) => ({
        title: TITLES[index],
        boardId: board,
        columnId: column,
        parentId: parent,
        assigneeId: owner.userId,
        dueDate: index % 3 === 2 ? null : day(index),
        startDate: index % 2 === 0 ? `2026-12-2${index % 3}T08:00:00.000Z` : null,
      })),
      'task { id }',
    );
    return { board, column, parent, taskIds: tasks.map((task) => task.task.id as string) };
  })();

  const sales = (async () => {
    const contacts = await many(
      asMember,
      'contactCreate',
      range(7).map((index) => ({
        firstName: TITLES[index],
        lastName: ['Lee', 'Lee', 'Kim', 'Kim', 'Ray', 'Ray', 'Kim'][index],
        company: index % 3 ? TITLES[index] : null,
        assignedToId: owner.userId,
      })),
      'contact { id }',
    );
    const contact = contacts[0].contact.id as string;
    const pipelines = await many(
      asOwner,
      'pipelineCreate',
      range(6).map((index) => ({ name: `${TITLES[index]} ${index}` })),
      'pipeline { id }',
    );
    const pipeline = pipelines[0].pipeline.id as string;
    const deals = await many(
      asMember,
      'dealCreate',
      range(7).map((index) => ({
        contactId: contact,
        pipelineId: pipeline,
        title: TITLES[index],
        value: index % 3 ? `${100 * (index % 2)}.50` : null,
        probability: index % 4 ? 10 * (index % 2) : null,
        expectedCloseDate: index % 3 === 1 ? null : `2027-02-0${1 + (index % 2)}`,
        ownerId: owner.userId,
      })),
      'deal { id }',
    );
    const deal = deals[0].deal.id as string;
    await many(
      asMember,
      'interactionLog',
      range(6).map((index) => ({ contactId: contact, dealId: deal, type: 'NOTE', subject: TITLES[index] })),
      'interaction { id }',
    );
    return { contact, otherContacts: contacts.slice(1).map((c) => c.contact.id as string), pipeline, deal };
  })();

  const trash = (async () => {
    const doomed = await many(
      asMember,
      'taskCreate',
      range(6).map((index) => ({ title: TITLES[index] })),
      'task { id }',
    );
    await many(
      asMember,
      'taskDelete',
      doomed.map((task) => ({ id: task.task.id })),
      'deletedTaskId',
    );
    return doomed.map((task) => fromGlobalId('Task', task.task.id));
  })();

  const [team, { board, column, parent, taskIds }, { contact, otherContacts, pipeline, deal }, trashed] = await Promise.all([
    administration,
    work,
    sales,
    trash,
  ]);
  const tags = await many(
    asMember,
    'tagCreate',
    range(6).map((index) => ({ name: `${TITLES[index]} ${index}` })),
    'tag { id }',
  );
  const tag = tags[0].tag.id as string;
  await asMember(`mutation($input: TagApplyInput!) { tagApply(input: $input) { userErrors { code message } } }`, {
    input: { tagId: tag, nodeIds: [...taskIds.slice(0, 3), ...otherContacts.slice(0, 3)] },
  });

  const nodes: Record<string, string> = {
    User: owner.userId,
    Organization: owner.organizationId,
    Task: parent,
    Board: board,
    Team: team,
    Contact: contact,
    Deal: deal,
    Pipeline: pipeline,
  };
  // exports: 7 of the owner's (an export is its creator's alone), finished before the walk (their jobs store Files and write events).
  const exportIds = (
    await many(
      asOwner,
      'dataExportCreate',
      range(7).map((index) => ({ query: 'query { tasks { nodes { title } } }', format: 'CSV', name: TITLES[index] })),
      'dataExport { id }',
    )
  ).map(({ dataExport }) => dataExport.id as string);
  await waitFor(
    async () => {
      const states = (await asOwner('query($ids: [ID!]) { dataExports(filter: { id: { in: $ids } }) { nodes { state } } }', { ids: exportIds })) as {
        dataExports: { nodes: { state: string }[] };
      };
      return states.dataExports.nodes.length === 7 && states.dataExports.nodes.every(({ state }) => state === 'SUCCEEDED' || state === 'FAILED');
    },
    'the fixture exports finish',
    120_000,
  );
  // imports: 7 of one uploaded CSV file (mapped, never started).
  const [people] = await uploadFiles(asOwner, [{ name: 'People.csv', contentType: 'text/csv', body: 'First name,Email\nAda,ada@example.com\n' }]);
  await many(
    asOwner,
    'dataImportCreate',
    range(7).map(() => ({ type: 'Contact', fileId: people })),
    'dataImport { id }',
  );
  // webhooks: 7 endpoints (owners and admins manage them), and 7 pings of the first, answered at once by a
  // local receiver, so no retry runs during the walk.
  const webhookEndpoint = await withHttpReceiver(async (url) => {
    const endpoints = await many(
      asOwner,
      'webhookEndpointCreate',
      range(7).map((index) => ({ url, description: TITLES[index], eventTypes: ['webhook_endpoint.disabled'] })),
      'webhookEndpoint { id }',
    );
    const first = endpoints[0]!.webhookEndpoint.id as string;
    await many(
      asOwner,
      'webhookEndpointPing',
      range(7).map(() => ({ id: first })),
      'delivery { id }',
    );
    await waitFor(
      async () => {
        const answer = (await asOwner('query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 10) { nodes { state } } } }', { id: first })) as {
          webhookEndpoint: { deliveries: { nodes: { state: string }[] } };
        };
        const deliveries = answer.webhookEndpoint.deliveries.nodes;
        return deliveries.length === 7 && deliveries.every(({ state }) => state === 'SUCCEEDED');
      },
      'the fixture pings are delivered',
      120_000,
    );
    return first;
  });
  // search: 7 saved searches for Query.savedSearches (personal: the owner's, who walks; not a Node type).
  await many(
    asOwner,
    'savedSearchCreate',
    range(7).map((index) => ({ name: TITLES[index], query: TITLES[index] })),
    'savedSearch { id }',
  );
  // finance: 7 invoices to the contact, billing the deal, for Query.invoices, Contact.invoices and Deal.invoices (by the
  // owner: finance is restricted); the first is the Invoice of the Node connections.
  const invoiceIds = (
    await many(
      asOwner,
      'invoiceCreate',
      range(7).map((index) => ({ contactId: contact, dealId: deal, memo: TITLES[index], lines: [{ description: TITLES[index], unitPrice: '10' }] })),
      'invoice { id }',
    )
  ).map((payload) => payload.invoice.id as string);
  nodes.Invoice = invoiceIds[0]!;
  // finance: each of those invoices recurs weekly (Query.recurringInvoices); the first since 6 weeks ago, and the job issues its
  // 7 periods (RecurringInvoice.invoices); its rule is the RecurringInvoice of the Node connections.
  const weeksAgo = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
  nodes.RecurringInvoice = (
    await many(
      asOwner,
      'invoiceMakeRecurring',
      invoiceIds.map((invoiceId, index) => ({ invoiceId, frequency: 'WEEKLY', startDate: index === 0 ? weeksAgo : '2099-01-01' })),
      'recurringInvoice { id }',
    )
  )[0].recurringInvoice.id as string;
  const finance = cell.subgraphs.find((subgraph) => subgraph.name === 'finance')!.services as { recurringInvoices: { issueDue(): Promise<number> } };
  await finance.recurringInvoices.issueDue();
  // finance: 7 expenses for Query.expenses (amounts and dates repeat); the first is the Expense of the Node connections.
  nodes.Expense = (
    await many(
      asMember,
      'expenseSubmit',
      range(7).map((index) => ({
        category: 'OTHER',
        amount: `${10 + (index % 3)}.50`,
        currencyCode: 'EUR',
        expenseDate: `2026-11-0${1 + (index % 2)}`,
        vendor: TITLES[index],
      })),
      'expense { id }',
    )
  )[0].expense.id as string;
  // finance payments: the Node's Invoice issued, then 6 manual payments of 1.00 for Query.payments and Invoice.payments; the first is the Payment of the Node connections.
  await issueInvoice(cell, nodes.Invoice);
  nodes.Payment = (
    await many(
      asOwner,
      'paymentRecord',
      range(6).map((index) => ({ invoiceId: nodes.Invoice, amount: '1', method: 'CHECK', reference: TITLES[index] })),
      'payment { id }',
    )
  )[0].payment.id as string;
  // documents: 7 documents for Query.documents; the first is the Document of the Node connections (with one field).
  nodes.Document = (
    await many(
      asMember,
      'documentCreate',
      range(7).map((index) => ({ title: TITLES[index], content: index === 0 ? '<p data-field="terms">0</p>' : undefined })),
      'document { id }',
    )
  )[0].document.id as string;
  // Document.revisions: 5 saves of the Node's Document (revisions 0 to 5).
  await many(
    asMember,
    'documentRevise',
    range(5).map((index) => ({ id: nodes.Document, description: `Save ${index + 1}`, fields: [{ field: 'terms', value: `${index + 1}` }] })),
    'revision { number }',
  );
  // documents' approval workflows (owners and admins manage them; one per document type): 6 for
  // Query.approvalWorkflows; the first is the ApprovalWorkflow of the Node connections. The Document
  // (type OTHER) is submitted through the 6 steps of its workflow: its ApprovalRequests for
  // Document.approvalRequests, the first of them the ApprovalRequest of the Node connections.
  const documentTypes = ['CONTRACT', 'PROPOSAL', 'SOW', 'NDA', 'TEMPLATE', 'OTHER'];
  nodes.ApprovalWorkflow = (
    await many(
      asOwner,
      'approvalWorkflowCreate',
      documentTypes.map((documentType, index) => ({
        name: TITLES[index],
        documentType,
        steps: range(documentType === 'OTHER' ? 6 : 1).map(() => ({ role: 'MEMBER' })),
      })),
      'approvalWorkflow { id }',
    )
  )[0].approvalWorkflow.id as string;
  nodes.ApprovalRequest = (await many(asMember, 'documentSubmitForApproval', [{ id: nodes.Document }], 'approvalRequests { id }'))[0].approvalRequests[0]
    .id as string;
  // external review: 6 review links of that Document (Document.reviews), and 6 suggestions made with one (Document.suggestions).
  const reviewer = `reviewer-${uuidv7()}@client.test`;
  await many(
    asMember,
    'documentSend',
    range(6).map(() => ({ id: nodes.Document, email: reviewer })),
    'review { id }',
  );
  const reviewToken = (await waitForEmail(cell, reviewer)).token;
  await many(
    client(cell, ''),
    'documentSuggestionSubmit',
    range(6).map((index) => ({ token: reviewToken, section: `s${index % 2}`, originalText: TITLES[index], suggestedText: 'Changed' })),
    'suggestion { id }',
  );
  // deliverables: 7 on that Document, then signed (after its revisions), for Document.deliverables (due dates repeat);
  // the first is the Deliverable of the Node connections.
  await markSignedContract(cell.database.url, nodes.Document);
  nodes.Deliverable = (
    await many(
      asMember,
      'deliverableCreate',
      range(7).map((index) => ({ documentId: nodes.Document, title: TITLES[index], quantity: 1, frequency: 'ONCE', dueDate: `2030-0${1 + (index % 3)}-01` })),
      'deliverable { id }',
    )
  )[0].deliverable.id as string;
  // clauses: 7 in the library for Query.clauses; the first is the Clause of the Node connections, with 7 versions for Clause.versions.
  nodes.Clause = (
    await many(
      asMember,
      'clauseCreate',
      range(7).map((index) => ({ title: TITLES[index], category: TITLES[6 - index], body: `<p>${index}</p>`, includeByDefault: index % 2 === 0 })),
      'clause { id }',
    )
  )[0].clause.id as string;
  await many(
    asMember,
    'clauseUpdate',
    range(6).map((index) => ({ id: nodes.Clause, body: `<p>Version ${index + 2}</p>` })),
    'clause { id }',
  );
  // files: 7 uploaded files (a real presigned PUT each) for Query.files; the first is the File of the Node connections.
  const files = await uploadFiles(
    asMember,
    range(7).map((index) => ({ name: `${TITLES[index]}.txt`, size: 1 + index })),
  );
  nodes.File = files[0]!;
  // folders: 6 top-level folders of the owner for Query.folders; the member's Folder of the Node
  // connections (its files are those in it, uploaded below) holds 6 folders for Folder.folders.
  const folderNames = range(6).map((index) => ({ name: `${TITLES[index]} ${index}` }));
  await many(asOwner, 'folderCreate', folderNames, 'folder { id }');
  nodes.Folder = (await many(asMember, 'folderCreate', [{ name: 'Shared' }], 'folder { id }'))[0].folder.id as string;
  await many(
    asMember,
    'folderCreate',
    folderNames.map((folder) => ({ ...folder, parentId: nodes.Folder })),
    'folder { id }',
  );
  // notes: 7 organization-wide notes (the owner reads them) about every other node, for Query.notes and
  // Node.notes; the first is the Note of the Node connections, with 6 revisions and 6 notes about it.
  const aboutEveryNode = Object.values(nodes);
  const notes = await many(
    asMember,
    'noteCreate',
    range(7).map((index) => ({ title: TITLES[index], visibility: 'ORGANIZATION', pinned: index % 3 === 0, aboutIds: aboutEveryNode })),
    'note { id }',
  );
  nodes.Note = notes[0].note.id as string;
  // Node.documents: 7 documents about every node (the Document's own included), 20 nodes at a time (a document's limit).
  const everyNode = Object.values(nodes);
  for (let start = 0; start < everyNode.length; start += 20) {
    await many(
      asMember,
      'documentCreate',
      range(7).map((index) => ({ title: TITLES[index], aboutIds: everyNode.slice(start, start + 20) })),
      'document { id }',
    );
  }
  await many(
    asMember,
    'noteUpdate',
    range(5).map((index) => ({ id: nodes.Note, title: `${TITLES[index]} ${index}` })),
    'note { id }',
  );
  await asMember(
    `mutation(${range(6)
      .map((index) => `$a${index}: NoteAboutInput!`)
      .join(', ')}) { ${range(6)
      .map((index) => `a${index}: noteAttach(input: $a${index}) { userErrors { code message } }`)
      .join(' ')} }`,
    Object.fromEntries(notes.slice(1).map((note, index) => [`a${index}`, { id: note.note.id, aboutIds: [nodes.Note] }])),
  );
  const targets = taskIds.slice(0, 6);
  // One request per node (mutations run one after the other, and each asks the graph whether the
  // node is visible): one request for every node outgrew the gateway's subgraph timeout on a busy machine.
  const attached = Object.values(nodes);
  for (const id of attached) {
    await many(
      asMember,
      'commentCreate',
      range(6).map((index) => ({ nodeId: id, body: TITLES[index] })),
      'comment { id }',
    );
    await many(
      asMember,
      'linkCreate',
      targets.map((target) => ({ fromId: id, toId: target, relationship: id === parent ? 'related' : 'blocks' })),
      'link { id }',
    );
  }
  // Node.files: 5 files attached to each object (on the Folder: in it).
  await uploadFiles(
    asMember,
    attached.flatMap((id) =>
      range(5).map((index) => ({ name: `${TITLES[index]}.txt`, size: 1 + index, ...(id === nodes.Folder ? { folderId: id } : { aboutId: id }) })),
    ),
  );
  const thread = (await many(asMember, 'commentCreate', [{ nodeId: parent, body: 'Thread' }], 'comment { id }'))[0].comment.id as string;
  await many(
    asMember,
    'commentCreate',
    range(6).map((index) => ({ nodeId: parent, parentId: thread, body: TITLES[index] })),
    'comment { id }',
  );
  await insertNotifications(cell, owner, 7);
  // No row may appear while connections are walked: events projected, the trash holding the deleted tasks.
  await waitUntilSettled(
    cell,
    async (db) =>
      Number((await db.query('SELECT count(*) FROM collaboration.trash WHERE deleted AND node_id = ANY($1)', [trashed])).rows[0].count) === trashed.length &&
      Number((await db.query('SELECT count(*) FROM audit.entries WHERE org_id = $1', [fromGlobalId('Organization', owner.organizationId)])).rows[0].count) >= 5,
  );
  return { owner, member, nodes, task: parent, board, column, team, contact, deal, pipeline, tag, comment: thread, files, webhookEndpoint };
}

/**
 * Moves an invoice from DRAFT to SENT, as sending does without its PDF and e-mail (SQL as the
 * database owner: the world needs an issued invoice, not a delivery).
 */
async function issueInvoice(cell: TestCell, invoiceId: string): Promise<void> {
  await withClient(cell.database.url, (db) =>
    db.query(`UPDATE finance.invoices SET status = 'sent', sent_at = now(), status_changed_at = now() WHERE id = $1 AND status = 'draft'`, [
      fromGlobalId('Invoice', invoiceId),
    ]),
  );
}

/** Notifications and their e-mail log come from other users' events; rows written directly stand for them. */
async function insertNotifications(cell: TestCell, owner: TestUser, count: number): Promise<void> {
  const orgId = fromGlobalId('Organization', owner.organizationId);
  const userId = fromGlobalId('User', owner.userId);
  await withClient(cell.database.url, async (db) => {
    for (const index of range(count)) {
      const id = uuidv7();
      await db.query(
        `INSERT INTO notifications.notifications (id, org_id, recipient_id, event_id, event_type, title, body, in_app, created_at)
         VALUES ($1, $2, $3, $4, 'task.assigned', $5, 'body', true, now())`,
        [id, orgId, userId, uuidv7(), TITLES[index]],
      );
      await db.query(
        `INSERT INTO notifications.deliveries (id, org_id, notification_id, recipient_id, channel, frequency, status, address, subject, created_at)
         VALUES ($1, $2, $3, $4, 'email', 'immediate', 'sent', $5, $6, now())`,
        [uuidv7(), orgId, id, userId, owner.email, TITLES[index]],
      );
    }
  });
}

/** Columns the connections order by; every one of them, in every table, gets the crafted times. */
const ORDERED_TIME_COLUMNS = ['created_at', 'updated_at', 'occurred_at', 'due_date', 'start_date', 'changed_at'];
/** All within one millisecond, with microseconds: a cursor that keeps only milliseconds cannot tell them apart. */
const BASE_TIME = '2026-03-04 05:06:07.891234+00';

/**
 * Rewrites every ordered timestamp of the organization's rows (as the superuser) to BASE_TIME plus
 * 0–3 µs, picked by a hash of the row and column: rows share the exact same microsecond and others
 * differ by 1 µs. Null stays null.
 */
export async function craftTimestamps(cell: TestCell, organizationId: string): Promise<void> {
  const orgId = fromGlobalId('Organization', organizationId);
  await withClient(cell.database.url, async (db) => {
    const schemas = cell.cell.subgraphs.map((subgraph) => subgraph.name);
    const { rows } = await db.query<{ schema: string; table: string; column: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY($1) AND c.column_name = ANY($2) AND c.data_type = 'timestamp with time zone'
          AND EXISTS (SELECT 1 FROM information_schema.columns o WHERE o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'org_id')`,
      [schemas, ORDERED_TIME_COLUMNS],
    );
    for (const { schema, table, column } of rows) {
      // The audit log is append-only (its trigger refuses even this) and pages by its chain's seq.
      if (schema === 'audit') continue;
      await db.query(
        `UPDATE "${schema}"."${table}" SET "${column}" = $2::timestamptz + (('x' || substr(md5(ctid::text || $3), 1, 8))::bit(32)::int & 3) * interval '1 microsecond'
          WHERE org_id = $1 AND "${column}" IS NOT NULL`,
        [orgId, BASE_TIME, column],
      );
    }
  });
}
