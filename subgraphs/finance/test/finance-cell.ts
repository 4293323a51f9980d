import { INTERNAL_CONTEXT_HEADER, InternalContextSigner, parseGlobalId, type Principal } from '@cellgraph/kernel/core';
import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { GraphQLResponse } from '../../../scripts/runtime/graphql-client.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import type { InvoiceStatus } from '../src/invoice/invoice-status.js';
import { Invoice } from '../src/invoice/invoice.entity.js';
import type { FinanceServices } from '../src/services.js';

/*
 * Finance tests run in cell `billing` (identity, crm, collaboration, notifications, files, finance)
 * through its gateway: an invoice's customer is a CRM contact, checked through the graph.
 * Helpers shared by the finance test files (payments, recurring invoices, reports build on them).
 */

export const startBillingCell = (): Promise<TestCell> => startTestCell({ cell: 'billing' });

/** The finance subgraph's services in the cell's host (to act as the system does: sending, payments, the overdue job). */
export const financeOf = (cell: TestCell): FinanceServices => cell.subgraphs.find((subgraph) => subgraph.name === 'finance')!.services as FinanceServices;

export const uuid = (globalId: string): string => parseGlobalId(globalId)!.uuid;

/** The data of an operation that must not fail at the top level. */
export async function ok(cell: TestCell, who: TestUser, query: string, variables: Record<string, unknown> = {}) {
  const answer = await cell.gql(query, variables, who.token);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
}

/** Runs `mutation(input)` and returns its payload (userErrors included), selecting `fields`. */
export async function mutate(cell: TestCell, who: TestUser, mutation: string, input: Record<string, unknown>, fields: string) {
  const type = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const data = await ok(cell, who, `mutation($input: ${type}!) { ${mutation}(input: $input) { ${fields} userErrors { code field message } } }`, { input });
  return data[mutation];
}

/** Codes of the userErrors `mutation(input)` answers with. */
export async function refused(cell: TestCell, who: TestUser, mutation: string, input: Record<string, unknown>): Promise<string[]> {
  const payload = await mutate(cell, who, mutation, input, '');
  return payload.userErrors.map((error: { code: string }) => error.code);
}

export async function createContact(cell: TestCell, who: TestUser, firstName = 'Ada'): Promise<string> {
  return (await mutate(cell, who, 'contactCreate', { firstName }, 'contact { id }')).contact.id;
}

/** Invites `email` into `owner`'s organization with `role` and signs them in. */
export async function invite(cell: TestCell, owner: TestUser, email: string, role: 'MEMBER' | 'GUEST' | 'ADMIN'): Promise<TestUser> {
  await ok(cell, owner, 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }', { input: { email, role } });
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql(
    'mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken refreshToken user { id } } } }',
    {
      input: { token, name: email.split('@')[0], password: TEST_PASSWORD },
    },
  );
  const session = accepted.data!.invitationAccept.session;
  return { ...owner, token: session.accessToken, refreshToken: session.refreshToken, userId: session.user.id, email };
}

/** Moves an invoice on as the system does (sending, the public view, …), through the service's one transition. */
export async function moveInvoice(cell: TestCell, invoiceId: string, orgId: string, to: InvoiceStatus) {
  const finance = financeOf(cell);
  return finance.db.transaction({ orgId: uuid(orgId), userId: null }, async (em) => {
    const invoice = await em.findOneOrFail(Invoice, { where: { id: uuid(invoiceId) }, lock: { mode: 'pessimistic_write' } });
    return finance.invoices.transition(em, invoice, to, 'manual');
  });
}

/** Sends an operation straight to a subgraph of the cell, signed as its gateway would (for `_entities`). */
export async function subgraphRequest(cell: TestCell, subgraph: string, who: TestUser, query: string, variables: Record<string, unknown> = {}) {
  const signer = InternalContextSigner.create(Buffer.from(cell.keys.internalContextSecret, 'base64url'));
  const principal: Principal = { kind: 'user', userId: uuid(who.userId), orgId: uuid(who.organizationId), scopes: [] };
  const body = JSON.stringify({ query, variables });
  const response = await fetch(`${cell.subgraphsUrl}/${subgraph}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: signer.sign({ requestId: 'test', principal }, subgraph, body) },
    body,
  });
  return (await response.json()) as GraphQLResponse;
}

/** The text a pdfkit PDF shows: its (deflated) content streams' text operators, hex-encoded WinAnsi strings. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)]
    .map((stream) => {
      try {
        return inflateSync(Buffer.from(stream[1]!, 'latin1')).toString('latin1');
      } catch {
        return stream[1]!; // not compressed (fonts, images)
      }
    })
    .flatMap((content) => [...content.matchAll(/<([0-9a-f]+)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')))
    .join('');
}
