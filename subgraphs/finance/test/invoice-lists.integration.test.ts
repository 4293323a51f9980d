import { waitFor } from '@cellgraph/kernel/testing';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCell, TestUser } from '../../../scripts/testing/cell-harness.js';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';
import { InvoiceStatus } from '../src/invoice/invoice-status.js';
import { createContact, financeOf, moveInvoice, mutate, ok, startBillingCell, uuid } from './finance-cell.js';

/*
 * Invoices in lists and across the graph, in cell `billing` through its gateway: filters and
 * ordering, the overdue job, Contact.invoices / Contact.balanceDue / Deal.invoices (batched), and
 * the invoiceChanged subscription.
 */

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;
let ada: string;
let bob: string;
let deal: string;
/** The six invoices of the owner's organization, by their place in the story (numbers INV-2026-0001…0006). */
const invoices: string[] = [];
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  cell = await startBillingCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  [ada, bob] = [await createContact(cell, owner, 'Ada'), await createContact(cell, owner, 'Bob')];
  const pipeline = (await mutate(cell, owner, 'pipelineCreate', { name: 'Sales' }, 'pipeline { id }')).pipeline.id;
  deal = (await mutate(cell, owner, 'dealCreate', { contactId: ada, title: 'Retainer', pipelineId: pipeline }, 'deal { id }')).deal.id;
  const seed = [
    { contactId: ada, currencyCode: 'EUR', issueDate: '2026-01-05', dueDate: '2026-01-20', unitPrice: '100' },
    { contactId: ada, currencyCode: 'USD', issueDate: '2026-02-01', dueDate: '2099-02-01', unitPrice: '50' },
    { contactId: ada, currencyCode: 'EUR', issueDate: '2026-03-01', dueDate: '2099-03-01', unitPrice: '10' },
    { contactId: bob, currencyCode: 'USD', issueDate: '2026-04-01', dueDate: '2099-04-01', unitPrice: '70' },
    { contactId: ada, dealId: deal, currencyCode: 'USD', issueDate: '2026-05-01', dueDate: '2099-05-01', unitPrice: '5' },
    { contactId: ada, currencyCode: 'EUR', issueDate: '2026-06-01', dueDate: '2099-06-01', unitPrice: '1000' },
  ];
  for (const { unitPrice, ...input } of seed) {
    invoices.push((await mutate(cell, owner, 'invoiceCreate', { ...input, lines: [{ description: 'Work', unitPrice }] }, 'invoice { id }')).invoice.id);
  }
  // 1 sent and past due, 2 partly paid (30 due), 3 a draft, 4 sent, 5 paid, 6 void.
  for (const index of [0, 1, 3, 4]) await moveInvoice(cell, invoices[index]!, owner.organizationId, InvoiceStatus.SENT);
  await settle(invoices[1]!, '20');
  await settle(invoices[4]!, '5');
  await mutate(cell, owner, 'invoiceVoid', { id: invoices[5] }, 'invoice { id }');
});
afterAll(async () => {
  await cell?.stop();
});

async function settle(invoiceId: string, amountPaid: string) {
  const finance = financeOf(cell);
  const orgId = uuid(owner.organizationId);
  await finance.db.transaction({ orgId, userId: null }, (em) => finance.invoices.applySettlement(em, orgId, uuid(invoiceId), { amountPaid }));
}

/** The places (1…6) of the invoices a list query answers, in its order. */
async function listed(args: string, who = owner): Promise<number[]> {
  const data = await ok(cell, who, `{ invoices${args ? `(${args})` : ''} { nodes { id } } }`);
  return data.invoices.nodes.map((node: { id: string }) => invoices.indexOf(node.id) + 1);
}

describe('the invoice list', () => {
  it('filters by status, customer, deal, currency, dates, amounts, number and being overdue', async () => {
    expect(await listed('filter: { status: { eq: SENT } }')).toEqual([4, 1]);
    expect(await listed('filter: { status: { in: [PARTIALLY_PAID, PAID] } }')).toEqual([5, 2]);
    expect(await listed(`filter: { contact: { eq: "${bob}" } }`)).toEqual([4]);
    expect(await listed(`filter: { deal: { eq: "${deal}" } }`)).toEqual([5]);
    expect(await listed('filter: { currencyCode: { eq: "EUR" } }')).toEqual([6, 3, 1]);
    expect(await listed('filter: { issueDate: { gte: "2026-02-01", lte: "2026-03-31" } }')).toEqual([3, 2]);
    expect(await listed('filter: { dueDate: { lt: "2027-01-01" } }')).toEqual([1]);
    expect(await listed('filter: { total: { gt: "60" } }')).toEqual([6, 4, 1]);
    expect(await listed('filter: { amountDue: { eq: "30" } }')).toEqual([2]);
    expect(await listed('filter: { number: { eq: "INV-2026-0003" } }')).toEqual([3]);
    // Past due and open, before the job ran: overdue already.
    expect(await listed('filter: { overdue: true }')).toEqual([1]);
    expect(await listed('filter: { overdue: false }')).toEqual([6, 5, 4, 3, 2]);
    expect(await listed('filter: { or: [{ status: { eq: DRAFT } }, { status: { eq: VOID } }] }')).toEqual([6, 3]);
  });

  it('orders by number, dates, total and amount due, and pages by cursor in that order', async () => {
    expect(await listed('')).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await listed('orderBy: [{ field: NUMBER, direction: DESC }]')).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await listed('orderBy: [{ field: ISSUE_DATE }]')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await listed('orderBy: [{ field: DUE_DATE, direction: DESC }]')).toEqual([6, 5, 4, 3, 2, 1]);
    expect(await listed('orderBy: [{ field: TOTAL }]')).toEqual([5, 3, 2, 4, 1, 6]);
    expect(await listed('orderBy: [{ field: AMOUNT_DUE }]')).toEqual([5, 3, 2, 4, 1, 6]);
    const first = await ok(cell, owner, '{ invoices(first: 2, orderBy: [{ field: TOTAL }]) { pageInfo { endCursor hasNextPage } nodes { id } } }');
    expect(first.invoices.pageInfo.hasNextPage).toBe(true);
    expect(await listed(`first: 10, after: "${first.invoices.pageInfo.endCursor}", orderBy: [{ field: TOTAL }]`)).toEqual([2, 4, 1, 6]);
  });

  it('shows another organization none of them', async () => {
    expect(await listed('', stranger)).toEqual([]);
    expect((await ok(cell, stranger, '{ invoices { totalCount } }')).invoices.totalCount).toBe(0);
  });
});

describe('across the graph', () => {
  const CONTACT = `query($id: ID!) { node(id: $id) { ... on Contact { name invoices(orderBy: [{ field: NUMBER }]) { totalCount nodes { number } }
    drafts: invoices(filter: { status: { eq: DRAFT } }) { nodes { number } } balanceDue { amount currencyCode } } } }`;

  it('gives a contact its invoices and what it still owes per currency, and a deal the invoices billing it', async () => {
    const contact = (await ok(cell, owner, CONTACT, { id: ada })).node;
    expect(contact).toEqual({
      name: 'Ada',
      invoices: { totalCount: 5, nodes: ['0001', '0002', '0003', '0005', '0006'].map((n) => ({ number: `INV-2026-${n}` })) },
      drafts: { nodes: [{ number: 'INV-2026-0003' }] },
      // Open invoices only: 1 (sent, 100 EUR) and 2 (30 USD left); not the draft, the paid or the void one.
      balanceDue: [
        { amount: '100.00', currencyCode: 'EUR' },
        { amount: '30.00', currencyCode: 'USD' },
      ],
    });
    expect((await ok(cell, owner, CONTACT, { id: bob })).node.balanceDue).toEqual([{ amount: '70.00', currencyCode: 'USD' }]);
    const billed = await ok(cell, owner, 'query($id: ID!) { node(id: $id) { ... on Deal { invoices { nodes { number contact { id } } } } } }', { id: deal });
    expect(billed.node.invoices.nodes).toEqual([{ number: 'INV-2026-0005', contact: { id: ada } }]);
    const invoice = await ok(cell, owner, 'query($id: ID!) { invoice(id: $id) { contact { name } deal { title } } }', { id: invoices[4] });
    expect(invoice.invoice).toEqual({ contact: { name: 'Ada' }, deal: { title: 'Retainer' } });
  });

  it('keeps an invoice readable after its contact was deleted in the CRM (contact: null)', async () => {
    const gone = await createContact(cell, owner, 'Gone');
    const id = (await mutate(cell, owner, 'invoiceCreate', { contactId: gone }, 'invoice { id }')).invoice.id;
    await mutate(cell, owner, 'contactDelete', { id: gone }, '');
    const answer = await cell.gql('query($id: ID!) { invoice(id: $id) { id contact { name } } }', { id }, owner.token);
    expect(answer.data!.invoice).toEqual({ id, contact: null });
  });

  it('shows another organization’s contact nothing of this one’s invoices', async () => {
    const theirs = await createContact(cell, stranger, 'Eve');
    expect((await ok(cell, stranger, CONTACT, { id: theirs })).node).toMatchObject({ invoices: { totalCount: 0, nodes: [] }, balanceDue: [] });
    expect((await ok(cell, stranger, CONTACT, { id: ada })).node).toBeNull();
  });

  it('asks finance as many statements for the invoices and balances of 4 contacts as of 2', async () => {
    const LIST =
      '{ contacts(first: 50) { nodes { name invoices(first: 5) { totalCount nodes { number total { amount } } } balanceDue { amount currencyCode } } } }';
    const finance = cell.subgraphs.find((subgraph) => subgraph.name === 'finance')!;
    const counts: number[] = [];
    for (const n of [2, 4]) {
      const who = await cell.signUp(`Lister ${n}`);
      for (let i = 0; i < n; i++) {
        const contactId = await createContact(cell, who, `Customer ${i}`);
        const id = (await mutate(cell, who, 'invoiceCreate', { contactId, lines: [{ description: 'Work', unitPrice: `${i + 1}` }] }, 'invoice { id }')).invoice
          .id;
        await moveInvoice(cell, id, who.organizationId, InvoiceStatus.SENT);
      }
      const answer = await cell.gql(LIST, {}, who.token, { 'x-request-id': `contacts-${n}` });
      expect(answer.errors).toBeUndefined();
      const nodes = answer.data!.contacts.nodes as { invoices: { totalCount: number }; balanceDue: { amount: string }[] }[];
      expect(nodes).toHaveLength(n);
      expect(nodes.every((node) => node.invoices.totalCount === 1 && node.balanceDue.length === 1)).toBe(true);
      counts.push(finance.runtime.db.statements.forRequest(`contacts-${n}`));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });
});

describe('the overdue job', () => {
  it('marks open invoices past their due date OVERDUE once, tells their creator, and leaves the others', async () => {
    const dueToday = (await mutate(cell, owner, 'invoiceCreate', { contactId: bob, issueDate: today, dueDate: today }, 'invoice { id }')).invoice.id;
    await moveInvoice(cell, dueToday, owner.organizationId, InvoiceStatus.SENT);
    const finance = financeOf(cell);
    expect(await finance.invoices.markOverdue()).toBeGreaterThanOrEqual(1);
    expect(await finance.invoices.markOverdue()).toBe(0);
    const statuses = await ok(cell, owner, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Invoice { status } } }', {
      ids: [invoices[0], invoices[1], dueToday],
    });
    expect(statuses.nodes).toEqual([{ status: 'OVERDUE' }, { status: 'PARTIALLY_PAID' }, { status: 'SENT' }]);
    expect(await listed('filter: { status: { eq: OVERDUE } }')).toEqual([1]);
    await waitFor(async () => {
      const notified = await ok(cell, owner, '{ notifications(first: 20) { nodes { event title } } }');
      return notified.notifications.nodes.some(
        (n: { event: string; title: string }) => n.event === 'invoice.overdue' && n.title === 'Invoice INV-2026-0001 is overdue',
      );
    }, 'the creator told of the overdue invoice');
  });
});

describe('invoiceChanged', () => {
  it('pushes every change of an invoice to a subscriber who reads it, not to another organization', async () => {
    const id = (await mutate(cell, owner, 'invoiceCreate', { contactId: bob, lines: [{ description: 'Work', unitPrice: '10' }] }, 'invoice { id }')).invoice.id;
    const clients: Client[] = [liveClient(cell.gatewayUrl, owner.token), liveClient(cell.gatewayUrl, stranger.token)];
    try {
      const query = 'subscription($id: ID!) { invoiceChanged(id: $id) { event changedFields invoice { status total { amount } } actor { id } } }';
      const reader = subscribe(clients[0]!, query, { id });
      const outsider = subscribe(clients[1]!, query, { id });
      while (cell.gateway.liveStats().subscriptions < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await mutate(cell, owner, 'invoiceLineAdd', { invoiceId: id, description: 'More', unitPrice: '5' }, 'line { id }');
      // The create's own event may still be on its way from the outbox when the subscription starts.
      let pushed = (await reader.next()).data!.invoiceChanged as { event: string };
      if (pushed.event === 'invoice.created') pushed = (await reader.next()).data!.invoiceChanged as { event: string };
      expect(pushed).toEqual({
        event: 'invoice.updated',
        changedFields: ['lines', 'subtotal', 'total', 'lineCount'],
        invoice: { status: 'DRAFT', total: { amount: '15.00' } },
        actor: { id: owner.userId },
      });
      await mutate(cell, owner, 'invoiceVoid', { id }, 'invoice { id }');
      expect((await reader.next()).data!.invoiceChanged).toMatchObject({ event: 'invoice.status_changed', invoice: { status: 'VOID' } });
      expect((await reader.next()).data!.invoiceChanged).toMatchObject({ event: 'invoice.voided', invoice: { status: 'VOID' } });
      expect(outsider.results).toEqual([]);
    } finally {
      for (const client of clients) await client.dispose();
    }
  });
});
