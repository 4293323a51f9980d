import { INTERNAL_CONTEXT_HEADER, InternalContextSigner, parseGlobalId, toGlobalId, uuidv7, type RequestContext } from '@cellgraph/kernel';
import { outboxEvents, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// Expenses end to end in cell `billing`: through the gateway, with receipts uploaded to the files
// module's real S3-compatible store, and notifications delivered by the notifications module.
// The owner and a second admin are the finance managers; a guest may do nothing with expenses.
// Members hold no finance grant, yet submit and handle their own expenses (the last block; it also
// makes a member a finance OWNER module grantee, who then approves too).

let cell: TestCell;
let owner: TestUser;
let admin: TestUser;
let guest: TestUser;
let stranger: TestUser;

const uuid = (id: string) => parseGlobalId(id)!.uuid;

/** A new member of `org`'s organization with `role`, invited by e-mail and signed in. */
async function invite(org: TestUser, role: 'ADMIN' | 'GUEST' | 'MEMBER', name: string): Promise<TestUser> {
  const email = `${role.toLowerCase()}-${uuidv7()}@expenses.test`;
  await data(org, 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }', { input: { email, role } });
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql(
    'mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken refreshToken user { id } } } }',
    { input: { token, name, password: TEST_PASSWORD } },
  );
  const session = accepted.data!.invitationAccept.session;
  return { ...org, token: session.accessToken, refreshToken: session.refreshToken, userId: session.user.id, email };
}

beforeAll(async () => {
  cell = await startTestCell({ cell: 'billing' });
  owner = await cell.signUp('Owner');
  admin = await invite(owner, 'ADMIN', 'Second Admin');
  guest = await invite(owner, 'GUEST', 'Guest');
  stranger = await cell.signUp('Stranger');
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

const FIELDS = `id category description vendor expenseDate status decidedAt rejectionReason reimbursedAt
  amount { amount currencyCode } receipt { id name } submitter { id } approver { id }`;

/** Calls `expense<Verb>` and answers its payload (expense and userErrors). */
const call = async (who: TestUser, mutation: string, input: Record<string, unknown>) => {
  const type = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const select = mutation === 'expenseDelete' ? 'deletedExpenseId' : `expense { ${FIELDS} }`;
  return (await data(who, `mutation($input: ${type}!) { ${mutation}(input: $input) { ${select} userErrors { code field message } } }`, { input }))[mutation];
};
/** The codes a refused mutation answers with (and that it answered no expense). */
const refused = async (who: TestUser, mutation: string, input: Record<string, unknown>) => {
  const payload = await call(who, mutation, input);
  expect(payload.expense ?? null).toBeNull();
  return payload.userErrors.map((error: { code: string }) => error.code) as string[];
};
const BASE = { category: 'TRAVEL', amount: '42.50', currencyCode: 'EUR', expenseDate: '2026-11-03', vendor: 'Lufthansa', description: 'Flight to Berlin' };
const submit = async (who: TestUser, input: Record<string, unknown> = {}) => {
  const payload = await call(who, 'expenseSubmit', { ...BASE, ...input });
  expect(payload.userErrors).toEqual([]);
  return payload.expense;
};
const read = async (who: TestUser, id: string) => (await data(who, `query($id: ID!) { expense(id: $id) { ${FIELDS} } }`, { id })).expense;
const eventTypes = async (id: string) => (await outboxEvents(cell.database.url, 'finance', uuid(id))).map((event) => event.type);
const expenseRows = () => withClient(cell.database.url, async (client) => Number((await client.query('SELECT count(*) FROM finance.expenses')).rows[0].count));

/** Uploads a receipt as a client does: begin, a presigned PUT to the store, complete. */
async function uploadReceipt(who: TestUser, name = 'receipt.pdf', aboutId?: string): Promise<string> {
  const bytes = Buffer.from('%PDF-1.4\n% a receipt\n%%EOF\n');
  const begun = await data(
    who,
    'mutation($input: FileUploadBeginInput!) { fileUploadBegin(input: $input) { upload { id url method headers { name value } } userErrors { code } } }',
    { input: { name, contentType: 'application/pdf', size: bytes.length, aboutId } },
  );
  expect(begun.fileUploadBegin.userErrors).toEqual([]);
  const upload = begun.fileUploadBegin.upload as { id: string; url: string; method: string; headers: { name: string; value: string }[] };
  const sent = await fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body: bytes });
  expect(sent.status).toBe(200);
  const completed = await data(who, 'mutation($input: FileUploadCompleteInput!) { fileUploadComplete(input: $input) { file { id } userErrors { code } } }', {
    input: { uploadId: upload.id },
  });
  expect(completed.fileUploadComplete.userErrors).toEqual([]);
  return completed.fileUploadComplete.file.id;
}

/** Asks the finance subgraph directly, as the gateway would, with a signed context for `who`. */
async function subgraphRequest(who: TestUser, query: string, variables: Record<string, unknown>) {
  const signer = InternalContextSigner.create(Buffer.from(cell.keys.internalContextSecret, 'base64url'));
  const context: RequestContext = {
    requestId: `expense-test-${uuidv7()}`,
    principal: { kind: 'user', userId: uuid(who.userId), orgId: uuid(who.organizationId), scopes: [] },
  };
  const body = JSON.stringify({ query, variables });
  const response = await fetch(`${cell.subgraphsUrl}/finance/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signer.sign(context, 'finance', body) },
    body,
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

describe('the expense lifecycle', () => {
  it('submits with a receipt, is approved by another finance manager, then reimbursed; each change with its event', async () => {
    const receipt = await uploadReceipt(owner);
    const expense = await submit(owner, { receiptId: receipt, idempotencyKey: `lifecycle-${uuidv7()}` });
    expect(expense).toEqual({
      id: expect.any(String),
      category: 'TRAVEL',
      description: 'Flight to Berlin',
      vendor: 'Lufthansa',
      expenseDate: '2026-11-03',
      status: 'PENDING',
      decidedAt: null,
      rejectionReason: null,
      reimbursedAt: null,
      amount: { amount: '42.50', currencyCode: 'EUR' },
      receipt: { id: receipt, name: 'receipt.pdf' },
      submitter: { id: owner.userId },
      approver: null,
    });
    // The receipt's bytes are where the files module keeps them, for the approver too.
    const { file } = await data(admin, 'query($id: ID!) { file(id: $id) { downloadUrl } }', { id: receipt });
    expect((await (await fetch(file.downloadUrl)).text()).startsWith('%PDF-1.4')).toBe(true);
    expect(await read(admin, expense.id)).toEqual(expense);

    const updated = await call(owner, 'expenseUpdate', { id: expense.id, amount: '45', vendor: 'Lufthansa Group', description: null });
    expect(updated.userErrors).toEqual([]);
    expect(updated.expense).toMatchObject({
      amount: { amount: '45.00', currencyCode: 'EUR' },
      vendor: 'Lufthansa Group',
      description: null,
      status: 'PENDING',
    });

    expect(await refused(owner, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_SELF_APPROVAL']);
    expect(await refused(owner, 'expenseReject', { id: expense.id, reason: 'Mine' })).toEqual(['EXPENSE_SELF_APPROVAL']);
    expect(await refused(admin, 'expenseReimburse', { id: expense.id })).toEqual(['EXPENSE_INVALID_TRANSITION']);

    const approved = await call(admin, 'expenseApprove', { id: expense.id });
    expect(approved.userErrors).toEqual([]);
    expect(approved.expense).toMatchObject({ status: 'APPROVED', approver: { id: admin.userId }, decidedAt: expect.any(String) });
    expect(await refused(owner, 'expenseUpdate', { id: expense.id, vendor: 'Other' })).toEqual(['EXPENSE_NOT_EDITABLE']);
    expect(await refused(admin, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_INVALID_TRANSITION']);
    expect(await refused(admin, 'expenseReject', { id: expense.id, reason: 'Too late' })).toEqual(['EXPENSE_INVALID_TRANSITION']);

    // Reimbursing is bookkeeping of the payment: any finance manager, the submitter included.
    const reimbursed = await call(owner, 'expenseReimburse', { id: expense.id });
    expect(reimbursed.userErrors).toEqual([]);
    expect(reimbursed.expense).toMatchObject({ status: 'REIMBURSED', reimbursedAt: expect.any(String), approver: { id: admin.userId } });
    expect(await refused(admin, 'expenseReimburse', { id: expense.id })).toEqual(['EXPENSE_INVALID_TRANSITION']);

    const events = await outboxEvents(cell.database.url, 'finance', uuid(expense.id));
    expect(events.map((event) => event.type)).toEqual(['expense.submitted', 'expense.updated', 'expense.approved', 'expense.reimbursed']);
    expect(events[0]!.data).toMatchObject({ approvers: [uuid(admin.userId)], submittedBy: uuid(owner.userId), amount: '42.50', receiptId: receipt });
    expect(events[1]!.data).toEqual({
      fields: ['amount', 'description', 'vendor'],
      before: { amount: '42.50', description: 'Flight to Berlin', vendor: 'Lufthansa' },
      after: { amount: '45.00', description: null, vendor: 'Lufthansa Group' },
    });
    expect(events[2]!.data).toMatchObject({ approvedBy: uuid(admin.userId), submittedBy: uuid(owner.userId) });
  });

  it('is rejected with a reason, which then cannot be reimbursed; a reason is required', async () => {
    const expense = await submit(admin, { category: 'MEALS', amount: '18', currencyCode: 'USD', vendor: null, description: null });
    expect(expense.amount).toEqual({ amount: '18.00', currencyCode: 'USD' });
    expect(await refused(owner, 'expenseReject', { id: expense.id, reason: '  ' })).toEqual(['EXPENSE_INVALID_INPUT']);
    const rejected = await call(owner, 'expenseReject', { id: expense.id, reason: 'No receipt' });
    expect(rejected.expense).toMatchObject({ status: 'REJECTED', rejectionReason: 'No receipt', approver: { id: owner.userId } });
    expect(await refused(owner, 'expenseReimburse', { id: expense.id })).toEqual(['EXPENSE_INVALID_TRANSITION']);
    expect(await refused(owner, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_INVALID_TRANSITION']);
    expect(await eventTypes(expense.id)).toEqual(['expense.submitted', 'expense.rejected']);
    expect((await outboxEvents(cell.database.url, 'finance', uuid(expense.id)))[0]!.data).toMatchObject({ approvers: [uuid(owner.userId)] });
  });

  it('takes a receipt attached to another object, which the files module checks through the graph', async () => {
    const contact = (await data(admin, 'mutation { contactCreate(input: { firstName: "Vendor" }) { contact { id } } }')).contactCreate.contact.id as string;
    const receipt = await uploadReceipt(admin, 'invoice.pdf', contact);
    const expense = await submit(admin, { receiptId: receipt });
    expect(expense.receipt).toEqual({ id: receipt, name: 'invoice.pdf' });
    expect((await read(owner, expense.id)).receipt).toEqual({ id: receipt, name: 'invoice.pdf' });
  });

  it('answers the same expense for a repeated idempotency key', async () => {
    const key = `twice-${uuidv7()}`;
    const first = await submit(owner, { idempotencyKey: key });
    const rows = await expenseRows();
    expect((await submit(owner, { idempotencyKey: key })).id).toBe(first.id);
    expect(await expenseRows()).toBe(rows);
  });

  it('moves to the trash, out of lists and reads, and back', async () => {
    const expense = await submit(owner, { vendor: `Trash-${uuidv7()}` });
    const deleted = await call(owner, 'expenseDelete', { id: expense.id });
    expect(deleted).toEqual({ deletedExpenseId: expense.id, userErrors: [] });
    expect(await read(owner, expense.id)).toBeNull();
    const listed = async () =>
      (await data(owner, 'query($f: ExpenseFilter) { expenses(filter: $f) { totalCount } }', { f: { vendor: { eq: expense.vendor } } })).expenses.totalCount;
    expect(await listed()).toBe(0);
    expect(await refused(admin, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_NOT_FOUND']);
    // The cell's trash shows it by its title.
    await expect
      .poll(async () => (await data(owner, '{ trash(types: ["Expense"], first: 100) { nodes { id type title } } }')).trash.nodes, { timeout: 60_000 })
      .toContainEqual({ id: expense.id, type: 'Expense', title: `42.50 EUR · ${expense.vendor}` });
    const restored = await call(owner, 'expenseRestore', { id: expense.id });
    expect(restored.expense).toMatchObject({ id: expense.id, status: 'PENDING' });
    expect(await listed()).toBe(1);
    expect(await refused(owner, 'expenseRestore', { id: expense.id })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await eventTypes(expense.id)).toEqual(['expense.submitted', 'expense.deleted', 'expense.restored']);
    expect((await outboxEvents(cell.database.url, 'finance', uuid(expense.id)))[1]!.data).toEqual({ title: `42.50 EUR · ${expense.vendor}` });

    // Deleted for good by expensePurge (the kernel's trash).
    await call(owner, 'expenseDelete', { id: expense.id });
    const purged = await data(owner, 'mutation($id: ID!) { expensePurge(input: { id: $id }) { userErrors { code } } }', { id: expense.id });
    expect(purged.expensePurge.userErrors).toEqual([]);
    expect(await eventTypes(expense.id)).toContain('expense.purged');
    await withClient(cell.database.url, async (client) =>
      expect((await client.query('SELECT id FROM finance.expenses WHERE id = $1', [uuid(expense.id)])).rows).toEqual([]),
    );
  });
});

describe('validation', () => {
  it('refuses bad amounts, currencies, dates and receipts with coded user errors, writing nothing', async () => {
    const rows = await expenseRows();
    const codes = async (input: Record<string, unknown>) => {
      const payload = await call(owner, 'expenseSubmit', { ...BASE, ...input });
      expect(payload.expense).toBeNull();
      return payload.userErrors.map((error: { code: string; field: string[] }) => [error.code, error.field.join('.')]);
    };
    expect(await codes({ amount: '-5' })).toEqual([['EXPENSE_INVALID_AMOUNT', 'input.amount']]);
    expect(await codes({ amount: '0' })).toEqual([['EXPENSE_INVALID_AMOUNT', 'input.amount']]);
    expect(await codes({ amount: '1.234' })).toEqual([['EXPENSE_INVALID_AMOUNT', 'input.amount']]);
    expect(await codes({ amount: '100.5', currencyCode: 'JPY' })).toEqual([['EXPENSE_INVALID_AMOUNT', 'input.amount']]);
    expect(await codes({ amount: '1000000000000000' })).toEqual([['EXPENSE_INVALID_AMOUNT', 'input.amount']]);
    expect(await codes({ currencyCode: 'EURO' })).toEqual([['EXPENSE_INVALID_CURRENCY', 'input.currencyCode']]);
    expect(await codes({ currencyCode: 'eur' })).toEqual([['EXPENSE_INVALID_CURRENCY', 'input.currencyCode']]);
    expect(await codes({ expenseDate: '2999-01-01' })).toEqual([['EXPENSE_INVALID_INPUT', 'input.expenseDate']]);
    expect(await codes({ vendor: 'v'.repeat(201) })).toEqual([['EXPENSE_INVALID_INPUT', 'input.vendor']]);
    expect(await codes({ receiptId: toGlobalId('File', uuidv7()) })).toEqual([['EXPENSE_RECEIPT_NOT_FOUND', 'input.receiptId']]);
    expect(await codes({ receiptId: toGlobalId('Task', uuidv7()) })).toEqual([['EXPENSE_INVALID_INPUT', 'input.receiptId']]);
    // Another organization's file is not found either (its existence is not confirmed).
    expect(await codes({ receiptId: await uploadReceipt(stranger) })).toEqual([['EXPENSE_RECEIPT_NOT_FOUND', 'input.receiptId']]);
    // A JPY amount has no minor units; a BHD one three.
    expect((await submit(owner, { amount: '1500', currencyCode: 'JPY' })).amount).toEqual({ amount: '1500', currencyCode: 'JPY' });
    expect((await submit(owner, { amount: '1.125', currencyCode: 'BHD' })).amount).toEqual({ amount: '1.125', currencyCode: 'BHD' });
    expect(await expenseRows()).toBe(rows + 2);

    const pending = await submit(owner);
    expect(await refused(owner, 'expenseUpdate', { id: pending.id, amount: '-1' })).toEqual(['EXPENSE_INVALID_AMOUNT']);
    // Changing only the currency re-checks the amount against it.
    expect(await refused(owner, 'expenseUpdate', { id: pending.id, currencyCode: 'JPY' })).toEqual(['EXPENSE_INVALID_AMOUNT']);
    expect((await read(owner, pending.id)).amount).toEqual({ amount: '42.50', currencyCode: 'EUR' });
    expect(await eventTypes(pending.id)).toEqual(['expense.submitted']);
  });
});

describe('permissions and tenancy', () => {
  it('lets nobody approve their own expense, and a guest decide on none', async () => {
    const expense = await submit(admin);
    expect(await refused(admin, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_SELF_APPROVAL']);
    // A guest reads no expense: it does not exist for them.
    expect(await refused(guest, 'expenseApprove', { id: expense.id })).toEqual(['EXPENSE_NOT_FOUND']);
  });

  it('gives a guest no expenses: submitting is FORBIDDEN, lists are empty, a read is refused', async () => {
    const expense = await submit(owner);
    const submitted = await cell.gql(
      'mutation($input: ExpenseSubmitInput!) { expenseSubmit(input: $input) { expense { id } userErrors { code } } }',
      { input: BASE },
      guest.token,
    );
    expect(submitted.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await data(guest, '{ expenses { totalCount nodes { id } } }')).expenses).toEqual({ totalCount: 0, nodes: [] });
    const single = await cell.gql('query($id: ID!) { expense(id: $id) { id } }', { id: expense.id }, guest.token);
    expect(single.data?.expense ?? null).toBeNull();
    expect(single.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it("keeps organizations apart: another organization's expense does not exist for the caller", async () => {
    const theirs = await submit(stranger, { vendor: 'Theirs' });
    expect(await read(owner, theirs.id)).toBeNull();
    expect((await data(owner, 'query($id: ID!) { node(id: $id) { id } }', { id: theirs.id })).node).toBeNull();
    const listed = await data(owner, '{ expenses(first: 100) { nodes { id } } }');
    expect(listed.expenses.nodes.map((node: { id: string }) => node.id)).not.toContain(theirs.id);
    for (const mutation of ['expenseApprove', 'expenseReimburse', 'expenseDelete', 'expenseRestore'])
      expect(await refused(owner, mutation, { id: theirs.id })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await refused(owner, 'expenseUpdate', { id: theirs.id, vendor: 'Ours' })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await refused(owner, 'expenseReject', { id: theirs.id, reason: 'No' })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await read(stranger, theirs.id)).toMatchObject({ vendor: 'Theirs', status: 'PENDING' });
  });

  it('resolves Expense through _entities for readers of its organization only', async () => {
    const expense = await submit(owner, { vendor: 'Entities' });
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Expense { id vendor status amount { amount currencyCode } } } }';
    const representations = [
      { __typename: 'Expense', id: expense.id },
      { __typename: 'Expense', id: toGlobalId('Expense', uuidv7()) },
    ];
    const mine = await subgraphRequest(admin, ENTITIES, { r: representations });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!._entities).toEqual([{ id: expense.id, vendor: 'Entities', status: 'PENDING', amount: { amount: '42.50', currencyCode: 'EUR' } }, null]);
    const theirs = await subgraphRequest(stranger, ENTITIES, { r: representations });
    expect(theirs.data!._entities).toEqual([null, null]);
    const guests = await subgraphRequest(guest, ENTITIES, { r: representations.slice(0, 1) });
    expect(guests.data!._entities).toEqual([null]);
    expect(guests.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // Through the gateway, node(id:) finds it by the same reference.
    expect((await data(owner, 'query($id: ID!) { node(id: $id) { id ... on Expense { vendor } } }', { id: expense.id })).node).toEqual({
      id: expense.id,
      vendor: 'Entities',
    });
  });
});

describe('listing', () => {
  it('filters by status, category, submitter, date range and amount, and orders', async () => {
    const tag = `List-${uuidv7()}`;
    const made = [
      await submit(owner, { vendor: `${tag} a`, category: 'SOFTWARE', amount: '10.00', expenseDate: '2026-01-10' }),
      await submit(owner, { vendor: `${tag} b`, category: 'TRAVEL', amount: '250.00', expenseDate: '2026-02-10' }),
      await submit(admin, { vendor: `${tag} c`, category: 'SOFTWARE', amount: '99.99', expenseDate: '2026-03-10' }),
      await submit(admin, { vendor: `${tag} d`, category: 'OFFICE', amount: '1000.00', expenseDate: '2026-04-10' }),
    ];
    await call(admin, 'expenseApprove', { id: made[0].id });
    await call(owner, 'expenseReject', { id: made[2].id, reason: 'Duplicate' });
    const ids = async (filter: Record<string, unknown>, orderBy?: unknown) =>
      (
        await data(owner, 'query($f: ExpenseFilter, $o: [ExpenseOrder!]) { expenses(filter: $f, orderBy: $o) { totalCount nodes { id } } }', {
          f: { and: [{ vendor: { startsWith: tag } }, filter] },
          o: orderBy,
        })
      ).expenses.nodes.map((node: { id: string }) => made.findIndex((expense) => expense.id === node.id));

    expect(await ids({}, [{ field: 'VENDOR' }])).toEqual([0, 1, 2, 3]);
    expect(await ids({})).toEqual([3, 2, 1, 0]);
    expect(await ids({ status: { eq: 'PENDING' } }, [{ field: 'VENDOR' }])).toEqual([1, 3]);
    expect(await ids({ status: { in: ['APPROVED', 'REJECTED'] } }, [{ field: 'VENDOR' }])).toEqual([0, 2]);
    expect(await ids({ category: { eq: 'SOFTWARE' } }, [{ field: 'VENDOR' }])).toEqual([0, 2]);
    expect(await ids({ submitter: { eq: admin.userId } }, [{ field: 'VENDOR' }])).toEqual([2, 3]);
    expect(await ids({ approver: { eq: admin.userId } })).toEqual([0]);
    expect(await ids({ expenseDate: { gte: '2026-02-01', lt: '2026-04-01' } }, [{ field: 'EXPENSE_DATE', direction: 'DESC' }])).toEqual([2, 1]);
    expect(await ids({ amount: { gt: '99.99' } }, [{ field: 'AMOUNT' }])).toEqual([1, 3]);
    expect(await ids({ amount: { lte: '99.99' } }, [{ field: 'AMOUNT', direction: 'DESC' }])).toEqual([2, 0]);
    expect(await ids({}, [{ field: 'AMOUNT', direction: 'DESC' }])).toEqual([3, 1, 2, 0]);
  });
});

describe('notifications', () => {
  const notifications = async (who: TestUser) =>
    (await data(who, '{ notifications(first: 100) { nodes { event title body subjectId } } }')).notifications.nodes as {
      event: string;
      title: string;
      body: string;
      subjectId: string | null;
    }[];

  it('tells the approvers of a submitted expense and its submitter of the decision', async () => {
    const vendor = `Notified-${uuidv7()}`;
    const expense = await submit(owner, { vendor, amount: '77.10' });
    await expect
      .poll(async () => (await notifications(admin)).filter((n) => n.subjectId === expense.id), { timeout: 60_000 })
      .toEqual([
        {
          event: 'expense.submitted',
          title: 'An expense awaits your approval',
          body: `€77.10 at ${vendor} (travel): “Flight to Berlin”.`,
          subjectId: expense.id,
        },
      ]);
    // The submitter is not asked to approve their own expense.
    expect((await notifications(owner)).filter((n) => n.subjectId === expense.id)).toEqual([]);

    await call(admin, 'expenseApprove', { id: expense.id });
    await expect
      .poll(async () => (await notifications(owner)).filter((n) => n.subjectId === expense.id), { timeout: 60_000 })
      .toEqual([{ event: 'expense.approved', title: 'Your expense was approved', body: `€77.10 at ${vendor} (travel).`, subjectId: expense.id }]);
  });
});

describe('members without a finance grant', () => {
  let alice: TestUser;
  let bob: TestUser;
  let manager: TestUser;
  const errorCodes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.map((error) => error.extensions?.code);
  const listedIds = async (who: TestUser, vendor: string) =>
    (
      await data(who, 'query($f: ExpenseFilter) { expenses(filter: $f, first: 100) { totalCount nodes { id } } }', { f: { vendor: { startsWith: vendor } } })
    ).expenses.nodes.map((node: { id: string }) => node.id);
  /** Grants take a moment to reach every process's cached policies (through Redis). */
  const eventually = (check: () => Promise<unknown>, expected: unknown) => expect.poll(check, { timeout: 10_000, interval: 50 }).toEqual(expected);

  beforeAll(async () => {
    [alice, bob, manager] = await Promise.all([invite(owner, 'MEMBER', 'Alice'), invite(owner, 'MEMBER', 'Bob'), invite(owner, 'MEMBER', 'Manager')]);
  }, 120_000);

  it('submit, and see, change and trash only their own expenses', async () => {
    const tag = `Own-${uuidv7()}`;
    const mine = await submit(alice, { vendor: `${tag} alice` });
    expect(mine).toMatchObject({ status: 'PENDING', submitter: { id: alice.userId } });
    const bobs = await submit(bob, { vendor: `${tag} bob` });
    const owners = await submit(owner, { vendor: `${tag} owner` });

    // Lists: their own only; a finance manager sees all.
    expect(await listedIds(alice, tag)).toEqual([mine.id]);
    expect(await listedIds(bob, tag)).toEqual([bobs.id]);
    expect((await listedIds(owner, tag)).sort()).toEqual([mine.id, bobs.id, owners.id].sort());

    // By id and node(id): their own, with its status; another's is null with FORBIDDEN.
    expect(await read(alice, mine.id)).toEqual(mine);
    expect((await data(alice, 'query($id: ID!) { node(id: $id) { id ... on Expense { status } } }', { id: mine.id })).node).toEqual({
      id: mine.id,
      status: 'PENDING',
    });
    for (const id of [bobs.id, owners.id]) {
      const single = await cell.gql('query($id: ID!) { expense(id: $id) { id } }', { id }, alice.token);
      expect(single.data?.expense ?? null).toBeNull();
      expect(errorCodes(single)).toEqual(['FORBIDDEN']);
      const node = await cell.gql('query($id: ID!) { node(id: $id) { id } }', { id }, alice.token);
      expect(node.data?.node ?? null).toBeNull();
    }
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Expense { id } } }';
    const entities = await subgraphRequest(alice, ENTITIES, { r: [mine.id, bobs.id].map((id) => ({ __typename: 'Expense', id })) });
    expect(entities.data!._entities).toEqual([{ id: mine.id }, null]);
    expect(entities.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);

    // Their pending expense: changed and trashed (and restored); another's does not exist for them.
    const updated = await call(alice, 'expenseUpdate', { id: mine.id, amount: '50' });
    expect(updated.userErrors).toEqual([]);
    expect(updated.expense).toMatchObject({ amount: { amount: '50.00', currencyCode: 'EUR' }, status: 'PENDING' });
    expect(await refused(alice, 'expenseUpdate', { id: bobs.id, amount: '1' })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await refused(alice, 'expenseDelete', { id: bobs.id })).toEqual(['EXPENSE_NOT_FOUND']);
    expect(await call(alice, 'expenseDelete', { id: mine.id })).toEqual({ deletedExpenseId: mine.id, userErrors: [] });
    expect(await listedIds(alice, tag)).toEqual([]);
    expect((await call(alice, 'expenseRestore', { id: mine.id })).expense).toMatchObject({ id: mine.id, status: 'PENDING' });

    // Deciding is for finance managers: FORBIDDEN on their own, not found on another's.
    const approving = await cell.gql('mutation($id: ID!) { expenseApprove(input: { id: $id }) { expense { id } } }', { id: mine.id }, alice.token);
    expect(errorCodes(approving)).toEqual(['FORBIDDEN']);
    expect(await refused(alice, 'expenseApprove', { id: bobs.id })).toEqual(['EXPENSE_NOT_FOUND']);

    // Approved, it stays theirs to see but no longer to change.
    expect((await call(owner, 'expenseApprove', { id: mine.id })).expense).toMatchObject({ status: 'APPROVED' });
    expect((await read(alice, mine.id)).status).toBe('APPROVED');
    expect(await refused(alice, 'expenseUpdate', { id: mine.id, vendor: 'Other' })).toEqual(['EXPENSE_NOT_EDITABLE']);
    expect(await listedIds(alice, tag)).toEqual([mine.id]);
  });

  it('see no invoice', async () => {
    const contact = (await data(owner, 'mutation { contactCreate(input: { firstName: "Customer" }) { contact { id } } }')).contactCreate.contact.id as string;
    const created = await data(owner, 'mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } userErrors { code } } }', {
      input: { contactId: contact },
    });
    const invoiceId = created.invoiceCreate.invoice.id as string;
    expect((await data(alice, '{ invoices { totalCount } }')).invoices.totalCount).toBe(0);
    const single = await cell.gql('query($id: ID!) { invoice(id: $id) { id } }', { id: invoiceId }, alice.token);
    expect(single.data?.invoice ?? null).toBeNull();
    expect(errorCodes(single)).toEqual(['FORBIDDEN']);
  });

  it('comment on their own expense (its policy grant reaches collaboration), not on another’s', async () => {
    const mine = await submit(alice, { vendor: `Commented-${uuidv7()}` });
    const bobs = await submit(bob);
    const comment = (who: TestUser, nodeId: string) =>
      cell.gql(
        'mutation($input: CommentCreateInput!) { commentCreate(input: $input) { comment { id body } userErrors { code } } }',
        { input: { nodeId, body: 'The receipt is attached' } },
        who.token,
      );
    await eventually(async () => (await comment(alice, mine.id)).data?.commentCreate?.comment?.body ?? null, 'The receipt is attached');
    const comments = await data(alice, 'query($id: ID!) { node(id: $id) { ... on Expense { comments(first: 10) { nodes { body } } } } }', { id: mine.id });
    expect(comments.node.comments.nodes).toEqual([{ body: 'The receipt is attached' }]);
    const denied = await comment(alice, bobs.id);
    expect(denied.data?.commentCreate?.comment ?? null).toBeNull();
    // The identity module shows the submitter's grant on the expense.
    const grants = await withClient(
      cell.database.url,
      async (client) => (await client.query('SELECT v0, v3 FROM authz.policies WHERE v2 = $1', [`Expense:${uuid(mine.id)}`])).rows,
    );
    expect(grants).toEqual([{ v0: `user:${uuid(alice.userId)}`, v3: 'editor' }]);
  });

  it('are refused by a guest; a finance OWNER module grantee approves and is told of submissions; the submitter hears of the decision', async () => {
    const guestSubmit = await cell.gql(
      'mutation($input: ExpenseSubmitInput!) { expenseSubmit(input: $input) { expense { id } } }',
      { input: BASE },
      guest.token,
    );
    expect(errorCodes(guestSubmit)).toEqual(['FORBIDDEN']);

    const granted = await data(owner, 'mutation($input: ModuleAccessGrantInput!) { moduleAccessGrant(input: $input) { userErrors { code } } }', {
      input: { module: 'finance', subjectId: manager.userId, relation: 'OWNER' },
    });
    expect(granted.moduleAccessGrant.userErrors).toEqual([]);
    const vendor = `Approval-${uuidv7()}`;
    await eventually(async () => (await cell.gql('{ expenses { totalCount } }', {}, manager.token)).data?.expenses?.totalCount > 0, true);
    const expense = await submit(alice, { vendor, amount: '12.30' });
    const events = await outboxEvents(cell.database.url, 'finance', uuid(expense.id));
    expect(events[0]!.data).toMatchObject({ approvers: [uuid(owner.userId), uuid(admin.userId), uuid(manager.userId)].sort() });
    expect(await listedIds(manager, vendor)).toEqual([expense.id]);

    const notifications = async (who: TestUser) =>
      (await data(who, '{ notifications(first: 100) { nodes { event title subjectId } } }')).notifications.nodes.filter(
        (n: { subjectId: string | null }) => n.subjectId === expense.id,
      );
    await expect
      .poll(() => notifications(manager), { timeout: 60_000 })
      .toEqual([{ event: 'expense.submitted', title: 'An expense awaits your approval', subjectId: expense.id }]);
    expect(await notifications(bob)).toEqual([]);

    const approved = await call(manager, 'expenseApprove', { id: expense.id });
    expect(approved.userErrors).toEqual([]);
    expect(approved.expense).toMatchObject({ status: 'APPROVED', approver: { id: manager.userId } });
    await expect
      .poll(() => notifications(alice), { timeout: 60_000 })
      .toEqual([{ event: 'expense.approved', title: 'Your expense was approved', subjectId: expense.id }]);
  });
});
