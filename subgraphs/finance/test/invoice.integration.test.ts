import { moduleObject, toGlobalId, userSubject, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  grantRelation,
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
import { financeSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const finance = mutationsOf(() => harness, 'finance');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([financeSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  member = await testMember(database.url, 'member', owner.orgId);
  // Finance is a restricted module: this member edits invoices through a finance module grant.
  await grantRelation(database.url, owner.orgId, userSubject(member.userId), moduleObject('finance'), 'editor');
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('finance', text, variables, principal);
const FIELDS = 'id name description createdBy { id }';
const create = async (name: string, who: TestMember = member) =>
  (await finance.mutate(who.principal, 'invoiceCreate', { name }, `invoice { ${FIELDS} }`)).invoice;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { invoice(id: $id) { ${FIELDS} } }`, { id })).data?.invoice;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id name } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

describe('invoices', () => {
  it('are created, read, updated, listed, moved to the trash and restored, each change with its event', async () => {
    const invoice = await create('First invoice');
    expect(invoice).toEqual({ id: expect.any(String), name: 'First invoice', description: null, createdBy: { id: member.globalUserId } });
    expect(await read(invoice.id)).toEqual(invoice);

    const updated = (await finance.mutate(member.principal, 'invoiceUpdate', { id: invoice.id, description: 'Described' }, `invoice { ${FIELDS} }`)).invoice;
    expect(updated).toEqual({ ...invoice, description: 'Described' });
    expect(await finance.refused(member.principal, 'invoiceUpdate', { id: invoice.id, name: ' ' })).toEqual(['INVOICE_INVALID_INPUT']);

    const listed = await query(
      member.principal,
      `query($filter: InvoiceFilter) { invoices(filter: $filter, orderBy: [{ field: NAME }]) { totalCount nodes { id } } }`,
      { filter: { name: { eq: 'First invoice' } } },
    );
    expect(listed.data!.invoices).toEqual({ totalCount: 1, nodes: [{ id: invoice.id }] });

    expect((await finance.mutate(member.principal, 'invoiceDelete', { id: invoice.id }, 'deletedInvoiceId')).deletedInvoiceId).toBe(invoice.id);
    expect(await read(invoice.id)).toBeNull();
    expect(await finance.refused(member.principal, 'invoiceUpdate', { id: invoice.id, name: 'Gone' })).toEqual(['INVOICE_NOT_FOUND']);
    expect((await finance.mutate(member.principal, 'invoiceRestore', { id: invoice.id }, `invoice { ${FIELDS} }`)).invoice).toEqual(updated);

    const events = await outboxEvents(database.url, 'finance', uuidOf(invoice.id));
    expect(events.map((event) => event.type)).toEqual(['invoice.created', 'invoice.updated', 'invoice.deleted', 'invoice.restored']);
    expect(events[1]).toMatchObject({
      actor_id: member.userId,
      data: { fields: ['description'], before: { description: null }, after: { description: 'Described' } },
    });
  });

  it('creates once per idempotency key', async () => {
    const input = { name: 'Once', idempotencyKey: `key-${uuidv7()}` };
    const first = (await finance.mutate(member.principal, 'invoiceCreate', input, 'invoice { id }')).invoice;
    const again = (await finance.mutate(member.principal, 'invoiceCreate', input, 'invoice { id }')).invoice;
    expect(again.id).toBe(first.id);
    expect(await finance.refused(member.principal, 'invoiceCreate', { ...input, name: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('are deleted for good from the trash by an owner', async () => {
    const invoice = await create('Doomed');
    await finance.mutate(member.principal, 'invoiceDelete', { id: invoice.id }, 'deletedInvoiceId');
    expect((await finance.mutate(owner.principal, 'invoicePurge', { id: invoice.id }, 'deletedInvoiceId')).deletedInvoiceId).toBe(invoice.id);
    expect(await finance.refused(member.principal, 'invoiceRestore', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    expect((await outboxEvents(database.url, 'finance', uuidOf(invoice.id))).map((event) => event.type)).toContain('invoice.purged');
  });
});

describe('_entities', () => {
  it('resolves an invoice by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const invoice = await create('Referenced');
    const theirs = await create('Theirs', stranger);
    const trashed = await create('Trashed');
    await finance.mutate(member.principal, 'invoiceDelete', { id: trashed.id }, 'deletedInvoiceId');
    const representations = [invoice.id, toGlobalId('Invoice', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Invoice', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: invoice.id, name: 'Referenced' }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, changing, deleting or restoring an invoice', async () => {
    const invoice = await create('Private');
    expect(await read(invoice.id, stranger)).toBeNull();
    expect(
      (await query(stranger.principal, `query($id: ID!) { invoices(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id: invoice.id })).data!
        .invoices,
    ).toEqual({ totalCount: 0, nodes: [] });
    expect(await finance.refused(stranger.principal, 'invoiceUpdate', { id: invoice.id, name: 'Taken' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await finance.refused(stranger.principal, 'invoiceDelete', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await finance.refused(stranger.principal, 'invoiceRestore', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await read(invoice.id)).toMatchObject({ id: invoice.id, name: 'Private' });
  });
});

describe('permissions', () => {
  it('refuses a guest what is not shared with them', async () => {
    const invoice = await create('Members only');
    const answer = await query(guest.principal, `query($id: ID!) { invoice(id: $id) { id } }`, { id: invoice.id });
    expect(answer.data!.invoice).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(guest.principal, '{ invoices { totalCount } }')).data!.invoices.totalCount).toBe(0);
    const created = await query(guest.principal, 'mutation { invoiceCreate(input: { name: "Sneaky" }) { invoice { id } } }');
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Existence is not confirmed to who cannot read it.
    expect(await finance.refused(guest.principal, 'invoiceUpdate', { id: invoice.id, name: 'Changed' })).toEqual(['INVOICE_NOT_FOUND']);
  });

  it('lets an API key act within its scopes only', async () => {
    const invoice = await create('Keyed');
    const readOnly = apiKey(['finance:read']);
    expect((await query(readOnly, `query($id: ID!) { invoice(id: $id) { id } }`, { id: invoice.id })).data!.invoice).toEqual({ id: invoice.id });
    const write = await query(readOnly, 'mutation { invoiceCreate(input: { name: "By key" }) { invoice { id } } }');
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'finance:write' });
    const other = await query(apiKey(['tasks:read']), '{ invoices { totalCount } }');
    expect(other.data?.invoices ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'finance:read',
      acceptedScopes: ['finance:read', 'finance:write'],
    });
    const byKey = (await finance.mutate(apiKey(['finance:write']), 'invoiceCreate', { name: 'By key' }, 'invoice { id name }')).invoice;
    expect(byKey.name).toBe('By key');
  });
});
