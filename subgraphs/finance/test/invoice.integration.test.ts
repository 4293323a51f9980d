import { toGlobalId, uuidv7 } from '@cellgraph/kernel/core';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCell, TestUser } from '../../../scripts/testing/cell-harness.js';
import { INVOICE_TRANSITIONS, InvoiceStatus } from '../src/invoice/invoice-status.js';
import { createContact, financeOf, invite, moveInvoice, mutate, ok, refused, startBillingCell, subgraphRequest, uuid } from './finance-cell.js';

/* Invoices in cell `billing`, through its gateway, as the organization's owner (finance is for owners and admins, and grantees). */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let guest: TestUser;
let contact: string;

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  guest = await invite(cell, owner, 'guest@finance.test', 'GUEST');
  contact = await createContact(cell, owner, 'Ada');
});
afterAll(async () => {
  await cell?.stop();
});

const MONEY = (field: string) => `${field} { amount currencyCode }`;
const FIELDS = `id number status currencyCode issueDate dueDate memo terms discount { kind value }
  ${['subtotal', 'discountTotal', 'taxTotal', 'total', 'amountPaid', 'amountDue'].map(MONEY).join(' ')}
  contact { id } deal { id } createdBy { id }
  lines { id position description quantity taxRate unitPrice { amount } amount { amount } discountAmount { amount } taxAmount { amount } }`;
const create = async (input: Record<string, unknown>, who = owner) =>
  mutate(cell, who, 'invoiceCreate', { contactId: contact, ...input }, `invoice { ${FIELDS} }`);
const read = async (id: string, who = owner) => (await ok(cell, who, `query($id: ID!) { invoice(id: $id) { ${FIELDS} } }`, { id })).invoice;
const year = new Date().getUTCFullYear();
const events = (invoiceId: string) =>
  withClient(
    cell.database.url,
    async (db) => (await db.query('SELECT type, data FROM finance.outbox WHERE subject_id = $1 ORDER BY id', [uuid(invoiceId)])).rows,
  );

describe('invoices', () => {
  it('are created as DRAFTs for a contact with a number from the pattern and totals computed by the server', async () => {
    const deal = (await mutate(cell, owner, 'dealCreate', { contactId: contact, title: 'Retainer', pipelineId: await salesPipeline() }, 'deal { id }')).deal.id;
    const { invoice, userErrors } = await create({
      dealId: deal,
      currencyCode: 'EUR',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      memo: 'Thank you',
      terms: 'Net 30',
      discount: { kind: 'PERCENT', value: '10' },
      lines: [
        { description: 'Design', quantity: '1.5', unitPrice: '100.05', taxRate: '19' },
        { description: 'Hosting', unitPrice: '9.99' },
      ],
    });
    expect(userErrors).toEqual([]);
    // 1.5 × 100.05 = 150.075 → 150.08; discount 10% of 160.07 = 16.007 → 16.01, shared 15.01 / 1.00 in cents
    // (1501.07 and 99.92: the leftover cent goes to the larger remainder); tax 19% of 135.07 = 25.6633 → 25.66.
    expect(invoice).toMatchObject({
      number: 'INV-2026-0001',
      status: 'DRAFT',
      currencyCode: 'EUR',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      memo: 'Thank you',
      terms: 'Net 30',
      discount: { kind: 'PERCENT', value: '10' },
      subtotal: { amount: '160.07', currencyCode: 'EUR' },
      discountTotal: { amount: '16.01', currencyCode: 'EUR' },
      taxTotal: { amount: '25.66', currencyCode: 'EUR' },
      total: { amount: '169.72', currencyCode: 'EUR' },
      amountPaid: { amount: '0.00', currencyCode: 'EUR' },
      amountDue: { amount: '169.72', currencyCode: 'EUR' },
      contact: { id: contact },
      deal: { id: deal },
      createdBy: { id: owner.userId },
    });
    expect(invoice.lines).toEqual([
      {
        id: expect.any(String),
        position: 0,
        description: 'Design',
        quantity: '1.5',
        taxRate: '19',
        unitPrice: { amount: '100.05' },
        amount: { amount: '150.08' },
        discountAmount: { amount: '15.01' },
        taxAmount: { amount: '25.66' },
      },
      {
        id: expect.any(String),
        position: 1,
        description: 'Hosting',
        quantity: '1',
        taxRate: '0',
        unitPrice: { amount: '9.99' },
        amount: { amount: '9.99' },
        discountAmount: { amount: '1.00' },
        taxAmount: { amount: '0.00' },
      },
    ]);
    expect(await read(invoice.id)).toEqual(invoice);
    const [created] = await events(invoice.id);
    expect(created).toMatchObject({
      type: 'invoice.created',
      data: { after: { number: 'INV-2026-0001', total: '169.72', lineCount: 2 }, createdBy: uuid(owner.userId) },
    });
  });

  it('default to USD, today and 30 days to pay, and have JPY amounts without minor units', async () => {
    const { invoice } = await create({});
    const today = new Date().toISOString().slice(0, 10);
    expect(invoice).toMatchObject({
      currencyCode: 'USD',
      issueDate: today,
      number: expect.stringMatching(new RegExp(`^INV-${year}-\\d{4}$`)),
      total: { amount: '0.00' },
    });
    expect(Date.parse(invoice.dueDate) - Date.parse(invoice.issueDate)).toBe(30 * 86_400_000);
    const yen = (await create({ currencyCode: 'JPY', lines: [{ description: 'Tea', quantity: '3', unitPrice: '333', taxRate: '8' }] })).invoice;
    expect(yen).toMatchObject({ subtotal: { amount: '999' }, taxTotal: { amount: '80' }, total: { amount: '1079' } });
    const cents = await mutate(
      cell,
      owner,
      'invoiceCreate',
      { contactId: contact, currencyCode: 'JPY', lines: [{ description: 'Tea', unitPrice: '1.5' }] },
      'invoice { id }',
    );
    expect(cents).toEqual({
      invoice: null,
      userErrors: [{ code: 'INVOICE_INVALID_INPUT', field: ['input', 'lines', '0', 'unitPrice'], message: expect.stringMatching(/JPY/) }],
    });
  });

  it('refuse bad figures, dates and customers, naming the field', async () => {
    const codes = async (input: Record<string, unknown>) =>
      (await mutate(cell, owner, 'invoiceCreate', { contactId: contact, ...input }, 'invoice { id }')).userErrors.map(
        (e: { code: string; field: string[] }) => [e.code, e.field.join('.')],
      );
    expect(await codes({ lines: [{ description: ' ', unitPrice: '1' }] })).toEqual([['INVOICE_INVALID_INPUT', 'input.lines.0.description']]);
    expect(await codes({ lines: [{ description: 'x', quantity: '0', unitPrice: '1' }] })).toEqual([['INVOICE_INVALID_INPUT', 'input.lines.0.quantity']]);
    expect(await codes({ lines: [{ description: 'x', quantity: '1.00001', unitPrice: '1' }] })).toEqual([['INVOICE_INVALID_INPUT', 'input.lines.0.quantity']]);
    expect(await codes({ lines: [{ description: 'x', unitPrice: '-1' }] })).toEqual([['INVOICE_INVALID_INPUT', 'input.lines.0.unitPrice']]);
    expect(await codes({ lines: [{ description: 'x', unitPrice: '1', taxRate: '100.5' }] })).toEqual([['INVOICE_INVALID_INPUT', 'input.lines.0.taxRate']]);
    expect(await codes({ discount: { kind: 'PERCENT', value: '101' } })).toEqual([['INVOICE_INVALID_INPUT', 'input.discount.value']]);
    expect(await codes({ discount: { kind: 'AMOUNT', value: '0.001' } })).toEqual([['INVOICE_INVALID_INPUT', 'input.discount.value']]);
    expect(await codes({ issueDate: '2026-05-02', dueDate: '2026-05-01' })).toEqual([['INVOICE_INVALID_INPUT', 'input.dueDate']]);
    expect(await codes({ lines: [{ description: 'x', quantity: '999999999', unitPrice: '999999999999' }] })).toEqual([['INVOICE_AMOUNT_TOO_LARGE', 'input']]);
    // Another organization's contact is refused exactly as a contact that does not exist.
    const theirs = await createContact(cell, stranger, 'Eve');
    expect(await codes({ contactId: theirs })).toEqual([['INVOICE_CONTACT_NOT_FOUND', 'input.contactId']]);
    expect(await codes({ contactId: toGlobalId('Contact', uuidv7()) })).toEqual([['INVOICE_CONTACT_NOT_FOUND', 'input.contactId']]);
    expect(await codes({ dealId: toGlobalId('Deal', uuidv7()) })).toEqual([['INVOICE_DEAL_NOT_FOUND', 'input.dealId']]);
  });

  it('number gaplessly and uniquely under 20 parallel creates', async () => {
    const numbered = await cell.signUp('Numbered');
    const customer = await createContact(cell, numbered, 'Bo');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => mutate(cell, numbered, 'invoiceCreate', { contactId: customer, issueDate: '2025-06-01' }, 'invoice { number }')),
    );
    const numbers = results.map((result) => result.invoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => `INV-2025-${String(index + 1).padStart(4, '0')}`));
    // A failed create gives its number back; another year starts its own series.
    expect(
      await refused(cell, numbered, 'invoiceCreate', { contactId: customer, issueDate: '2025-06-01', lines: [{ description: 'x', unitPrice: '0.001' }] }),
    ).toEqual(['INVOICE_INVALID_INPUT']);
    expect((await mutate(cell, numbered, 'invoiceCreate', { contactId: customer, issueDate: '2025-06-01' }, 'invoice { number }')).invoice.number).toBe(
      'INV-2025-0021',
    );
    expect((await mutate(cell, numbered, 'invoiceCreate', { contactId: customer, issueDate: '2024-12-31' }, 'invoice { number }')).invoice.number).toBe(
      'INV-2024-0001',
    );
  });

  it('follow the organization’s numbering pattern, which owners set', async () => {
    const patterned = await cell.signUp('Patterned');
    const customer = await createContact(cell, patterned, 'Cy');
    const settings = await mutate(cell, patterned, 'invoiceSettingsUpdate', { numberPattern: 'F{YY}{MM}-{SEQ:3}' }, 'settings { numberPattern nextNumber }');
    const now = new Date().toISOString();
    expect(settings).toEqual({ settings: { numberPattern: 'F{YY}{MM}-{SEQ:3}', nextNumber: `F${now.slice(2, 4)}${now.slice(5, 7)}-001` }, userErrors: [] });
    expect((await mutate(cell, patterned, 'invoiceCreate', { contactId: customer, issueDate: '2026-02-10' }, 'invoice { number }')).invoice.number).toBe(
      'F2602-001',
    );
    expect(await refused(cell, patterned, 'invoiceSettingsUpdate', { numberPattern: 'INV-{YYYY}' })).toEqual(['INVOICE_INVALID_NUMBER_PATTERN']);
    expect((await ok(cell, patterned, '{ invoiceSettings { numberPattern } }')).invoiceSettings).toEqual({ numberPattern: 'F{YY}{MM}-{SEQ:3}' });
  });

  it('change lines, dates and discount only as DRAFTs; then only memo and terms', async () => {
    const { invoice } = await create({ currencyCode: 'USD', lines: [{ description: 'A', unitPrice: '10' }] });
    const added = await mutate(
      cell,
      owner,
      'invoiceLineAdd',
      { invoiceId: invoice.id, description: 'B', quantity: '2', unitPrice: '2.50', taxRate: '10', position: 0 },
      `line { id position } invoice { total { amount } lines { description position } }`,
    );
    expect(added.invoice).toEqual({
      total: { amount: '15.50' },
      lines: [
        { description: 'B', position: 0 },
        { description: 'A', position: 1 },
      ],
    });
    const moved = await mutate(
      cell,
      owner,
      'invoiceLineUpdate',
      { id: added.line.id, position: 5, unitPrice: '3' },
      'line { position amount { amount } } invoice { total { amount } }',
    );
    expect(moved).toEqual({ line: { position: 1, amount: { amount: '6.00' } }, invoice: { total: { amount: '16.60' } }, userErrors: [] });
    // 6 off 16 before tax: A takes 3.75, B 2.25, so B's 10% tax is on 3.75 (0.375 → 0.38).
    const updated = await mutate(
      cell,
      owner,
      'invoiceUpdate',
      { id: invoice.id, discount: { kind: 'AMOUNT', value: '6' }, dueDate: '2099-01-01' },
      'invoice { total { amount } dueDate }',
    );
    expect(updated.invoice).toEqual({ total: { amount: '10.38' }, dueDate: '2099-01-01' });
    const removed = await mutate(
      cell,
      owner,
      'invoiceLineRemove',
      { id: added.line.id },
      'removedInvoiceLineId invoice { subtotal { amount } total { amount } lines { position } }',
    );
    expect(removed).toEqual({
      removedInvoiceLineId: added.line.id,
      invoice: { subtotal: { amount: '10.00' }, total: { amount: '4.00' }, lines: [{ position: 0 }] },
      userErrors: [],
    });

    await moveInvoice(cell, invoice.id, owner.organizationId, InvoiceStatus.SENT);
    const line = (await read(invoice.id)).lines[0].id;
    expect(await refused(cell, owner, 'invoiceLineAdd', { invoiceId: invoice.id, description: 'C', unitPrice: '1' })).toEqual(['INVOICE_NOT_EDITABLE']);
    expect(await refused(cell, owner, 'invoiceLineUpdate', { id: line, quantity: '3' })).toEqual(['INVOICE_NOT_EDITABLE']);
    expect(await refused(cell, owner, 'invoiceLineRemove', { id: line })).toEqual(['INVOICE_NOT_EDITABLE']);
    expect(await refused(cell, owner, 'invoiceUpdate', { id: invoice.id, currencyCode: 'EUR' })).toEqual(['INVOICE_NOT_EDITABLE']);
    expect(await refused(cell, owner, 'invoiceUpdate', { id: invoice.id, discount: null })).toEqual(['INVOICE_NOT_EDITABLE']);
    expect((await mutate(cell, owner, 'invoiceUpdate', { id: invoice.id, memo: 'Paid by wire, please' }, 'invoice { memo status }')).invoice).toEqual({
      memo: 'Paid by wire, please',
      status: 'SENT',
    });
    expect((await events(invoice.id)).map((event) => event.type)).toEqual([
      'invoice.created',
      'invoice.updated',
      'invoice.updated',
      'invoice.updated',
      'invoice.updated',
      'invoice.status_changed',
      'invoice.sent',
      'invoice.updated',
    ]);
  });

  it('change currency only when every line’s price fits it', async () => {
    const { invoice } = await create({ currencyCode: 'USD', lines: [{ description: 'A', unitPrice: '10.50' }] });
    expect((await mutate(cell, owner, 'invoiceUpdate', { id: invoice.id, currencyCode: 'JPY' }, 'invoice { id }')).userErrors).toEqual([
      { code: 'INVOICE_INVALID_INPUT', field: ['input', 'currencyCode', '0'], message: expect.any(String) },
    ]);
    expect((await mutate(cell, owner, 'invoiceUpdate', { id: invoice.id, currencyCode: 'EUR' }, 'invoice { total { amount currencyCode } }')).invoice).toEqual({
      total: { amount: '10.50', currencyCode: 'EUR' },
    });
  });

  it('create once per idempotency key', async () => {
    const input = { contactId: contact, idempotencyKey: `key-${uuidv7()}`, lines: [{ description: 'Once', unitPrice: '1' }] };
    const first = (await mutate(cell, owner, 'invoiceCreate', input, 'invoice { id number }')).invoice;
    const again = (await mutate(cell, owner, 'invoiceCreate', input, 'invoice { id number }')).invoice;
    expect(again).toEqual(first);
    expect(await refused(cell, owner, 'invoiceCreate', { ...input, memo: 'Other' })).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });
});

describe('the status machine', () => {
  it('refuses every illegal transition as INVOICE_INVALID_TRANSITION, and allows the legal ones', async () => {
    const { invoice } = await create({ lines: [{ description: 'A', unitPrice: '1' }] });
    const finance = financeOf(cell);
    const statuses = Object.values(InvoiceStatus);
    for (const from of statuses) {
      for (const to of statuses) {
        await withClient(cell.database.url, (db) => db.query('UPDATE finance.invoices SET status = $2 WHERE id = $1', [uuid(invoice.id), from]));
        const moved = await moveInvoice(cell, invoice.id, owner.organizationId, to).then(
          (saved) => saved.status,
          (error: { errors?: { code: string; message: string }[] }) => error.errors?.[0]?.code,
        );
        expect([from, to, moved]).toEqual([from, to, INVOICE_TRANSITIONS[from].includes(to) ? to : 'INVOICE_INVALID_TRANSITION']);
      }
    }
    expect(finance.invoices).toBeDefined();
  });

  it('voids drafts and issued invoices, not paid or void ones; only drafts are deleted', async () => {
    const draft = (await create({})).invoice;
    expect((await mutate(cell, owner, 'invoiceVoid', { id: draft.id }, 'invoice { status }')).invoice).toEqual({ status: 'VOID' });
    expect(await refused(cell, owner, 'invoiceVoid', { id: draft.id })).toEqual(['INVOICE_INVALID_TRANSITION']);
    expect(await refused(cell, owner, 'invoiceDelete', { id: draft.id })).toEqual(['INVOICE_NOT_DELETABLE']);
    expect(await refused(cell, owner, 'invoiceUpdate', { id: draft.id, memo: 'Too late' })).toEqual(['INVOICE_NOT_EDITABLE']);

    const paid = (await create({ lines: [{ description: 'A', unitPrice: '5' }] })).invoice;
    await moveInvoice(cell, paid.id, owner.organizationId, InvoiceStatus.SENT);
    await settle(paid.id, '5');
    expect(await refused(cell, owner, 'invoiceVoid', { id: paid.id })).toEqual(['INVOICE_INVALID_TRANSITION']);

    const trashed = (await create({})).invoice;
    expect((await mutate(cell, owner, 'invoiceDelete', { id: trashed.id }, 'deletedInvoiceId')).deletedInvoiceId).toBe(trashed.id);
    expect(await read(trashed.id)).toBeNull();
    expect((await mutate(cell, owner, 'invoiceRestore', { id: trashed.id }, 'invoice { id number }')).invoice).toEqual({
      id: trashed.id,
      number: trashed.number,
    });
  });

  it('duplicates any invoice into a new DRAFT with a new number and the same lines', async () => {
    const { invoice } = await create({
      issueDate: '2026-01-10',
      dueDate: '2026-01-24',
      memo: 'Copied',
      discount: { kind: 'AMOUNT', value: '1' },
      lines: [
        { description: 'A', quantity: '2', unitPrice: '3', taxRate: '5' },
        { description: 'B', unitPrice: '4' },
      ],
    });
    await moveInvoice(cell, invoice.id, owner.organizationId, InvoiceStatus.SENT);
    await mutate(cell, owner, 'invoiceVoid', { id: invoice.id }, 'invoice { id }');
    const copy = (await mutate(cell, owner, 'invoiceDuplicate', { id: invoice.id, issueDate: '2026-02-01' }, `invoice { ${FIELDS} }`)).invoice;
    const strip = (lines: { id: string }[]) => lines.map(({ id: _id, ...line }) => line);
    expect(copy).toMatchObject({
      status: 'DRAFT',
      issueDate: '2026-02-01',
      dueDate: '2026-02-15',
      memo: 'Copied',
      total: invoice.total,
      discount: invoice.discount,
    });
    expect(copy.number).not.toBe(invoice.number);
    expect(strip(copy.lines)).toEqual(strip(invoice.lines));
    expect((await events(copy.id)).map((event) => event.type)).toEqual(['invoice.created', 'invoice.duplicated']);
  });
});

describe('settlements (what payments apply)', () => {
  it('move an issued invoice to PARTIALLY_PAID, PAID, and back as refunds and reversals change the amount paid', async () => {
    const { invoice } = await create({ dueDate: '2099-12-31', lines: [{ description: 'A', unitPrice: '100' }] });
    await moveInvoice(cell, invoice.id, owner.organizationId, InvoiceStatus.SENT);
    expect(await settle(invoice.id, '40')).toMatchObject({ status: 'partially_paid', paidAmount: '40.00' });
    expect((await read(invoice.id)).amountDue).toEqual({ amount: '60.00', currencyCode: 'USD' });
    expect(await settle(invoice.id, '100')).toMatchObject({ status: 'paid', paidAt: expect.any(Date) });
    expect(await settle(invoice.id, '100')).toMatchObject({ status: 'paid' });
    expect(await settle(invoice.id, '30', '70')).toMatchObject({ status: 'partially_paid', paidAt: null });
    expect(await settle(invoice.id, '0', '100')).toMatchObject({ status: 'refunded' });
    await expect(settle(invoice.id, '10')).rejects.toMatchObject({ errors: [{ code: 'INVOICE_INVALID_TRANSITION' }] });
    const types = (await events(invoice.id)).map((event) => event.type);
    expect(types.filter((type) => type === 'invoice.paid')).toHaveLength(1);
    expect(types).toContain('invoice.refunded');
    const paidEvent = (await events(invoice.id)).find((event) => event.type === 'invoice.paid');
    expect(paidEvent.data).toMatchObject({
      from: 'partially_paid',
      amountPaid: '100.00',
      amountDue: '0.00',
      createdBy: uuid(owner.userId),
      number: invoice.number,
    });

    const draft = (await create({})).invoice;
    await expect(settle(draft.id, '1')).rejects.toMatchObject({ errors: [{ code: 'INVOICE_INVALID_TRANSITION' }] });
  });
});

describe('_entities, tenancy and permissions', () => {
  it('resolves an invoice by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const mine = (await create({})).invoice;
    const theirs = (await mutate(cell, stranger, 'invoiceCreate', { contactId: await createContact(cell, stranger) }, 'invoice { id }')).invoice;
    const trashed = (await create({})).invoice;
    await mutate(cell, owner, 'invoiceDelete', { id: trashed.id }, 'deletedInvoiceId');
    const representations = [mine.id, toGlobalId('Invoice', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'Invoice', id }));
    const answer = await subgraphRequest(cell, 'finance', owner, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id number } } }', {
      r: representations,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!._entities).toEqual([{ id: mine.id, number: mine.number }, null, null, null]);
  });

  it('keeps another organization from reading, listing, changing or voiding an invoice', async () => {
    const { invoice } = await create({ lines: [{ description: 'Private', unitPrice: '1' }] });
    expect((await ok(cell, stranger, 'query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id })).invoice).toBeNull();
    expect((await ok(cell, stranger, 'query($id: ID!) { node(id: $id) { id } }', { id: invoice.id })).node).toBeNull();
    const listed = await ok(cell, stranger, 'query($id: ID!) { invoices(filter: { id: { eq: $id } }) { totalCount nodes { id } } }', { id: invoice.id });
    expect(listed.invoices).toEqual({ totalCount: 0, nodes: [] });
    expect(await refused(cell, stranger, 'invoiceUpdate', { id: invoice.id, memo: 'Taken' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoiceVoid', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoiceLineAdd', { invoiceId: invoice.id, description: 'x', unitPrice: '1' })).toEqual(['INVOICE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoiceLineRemove', { id: invoice.lines[0].id })).toEqual(['INVOICE_LINE_NOT_FOUND']);
    expect(await refused(cell, stranger, 'invoiceDuplicate', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    const entities = await subgraphRequest(cell, 'finance', stranger, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Invoice { id } } }', {
      r: [{ __typename: 'Invoice', id: invoice.id }],
    });
    expect(entities.data!._entities).toEqual([null]);
    expect((await read(invoice.id)).lines).toHaveLength(1);
  });

  it('refuses a guest what is not shared with them', async () => {
    const { invoice } = await create({});
    const answer = await cell.gql('query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id }, guest.token);
    expect(answer.data!.invoice).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok(cell, guest, '{ invoices { totalCount } }')).invoices.totalCount).toBe(0);
    const created = await cell.gql(
      'mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } } }',
      { input: { contactId: contact } },
      guest.token,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await refused(cell, guest, 'invoiceVoid', { id: invoice.id })).toEqual(['INVOICE_NOT_FOUND']);
    const settings = await cell.gql('mutation { invoiceSettingsUpdate(input: { numberPattern: "X-{SEQ}" }) { userErrors { code } } }', {}, guest.token);
    expect(settings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function settle(invoiceId: string, amountPaid: string, amountRefunded = '0') {
  const finance = financeOf(cell);
  return finance.db.transaction({ orgId: uuid(owner.organizationId), userId: null }, (em) =>
    finance.invoices.applySettlement(em, uuid(owner.organizationId), uuid(invoiceId), { amountPaid, amountRefunded }),
  );
}

async function salesPipeline(): Promise<string> {
  return (await mutate(cell, owner, 'pipelineCreate', { name: 'Sales' }, 'pipeline { id }')).pipeline.id;
}
