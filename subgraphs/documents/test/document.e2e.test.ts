import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';

/* Documents in cell `agency`, through its gateway: what a document concerns, the live subscription, the owner's notifications. */

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'agency' });
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email: 'colleague@example.test', role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, 'colleague@example.test');
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  colleague = { ...owner, token: session.accessToken, userId: session.user.id, email: 'colleague@example.test' };
});
afterAll(async () => {
  await cell?.stop();
});

const ok = async (query: string, variables: Record<string, unknown>, who: TestUser) => {
  const answer = await cell.gql(query, variables, who.token);
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!;
};
const createContact = async (who: TestUser, firstName: string) =>
  (await ok('mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }', { input: { firstName } }, who)).contactCreate.contact
    .id as string;
const CREATE = 'mutation($input: DocumentCreateInput!) { documentCreate(input: $input) { document { id about { id } } userErrors { code field } } }';

describe('documents across the graph', () => {
  it('concern contacts the caller can read: about resolves, lists filter by it, another organization’s contact is refused', async () => {
    const contact = await createContact(owner, 'Ada');
    const theirs = await createContact(stranger, 'Eve');
    const created = (await ok(CREATE, { input: { title: 'Ada’s retainer', type: 'CONTRACT', aboutIds: [contact] } }, owner)).documentCreate;
    expect(created).toEqual({ document: { id: expect.any(String), about: [{ id: contact }] }, userErrors: [] });
    const refused = (await ok(CREATE, { input: { title: 'Eve’s', aboutIds: [contact, theirs] } }, owner)).documentCreate;
    expect(refused).toEqual({ document: null, userErrors: [{ code: 'DOCUMENT_ABOUT_NOT_FOUND', field: ['input', 'aboutIds', '1'] }] });
    const listed = await ok('query($id: ID!) { documents(filter: { aboutId: { eq: $id } }) { nodes { id } } }', { id: contact }, colleague);
    expect(listed.documents.nodes).toEqual([{ id: created.document.id }]);
  });

  it('pushes every change of a document to a subscriber who reads it (documentChanged), not to another organization, and tells its owner', async () => {
    const { id } = (await ok(CREATE, { input: { title: 'Live proposal', type: 'PROPOSAL' } }, owner)).documentCreate.document;
    const clients: Client[] = [liveClient(cell.gatewayUrl, colleague.token), liveClient(cell.gatewayUrl, stranger.token)];
    try {
      const query = 'subscription($id: ID!) { documentChanged(id: $id) { event changedFields document { title status } actor { id } } }';
      const reader = subscribe(clients[0]!, query, { id });
      const outsider = subscribe(clients[1]!, query, { id });
      while (cell.gateway.liveStats().subscriptions < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await ok('mutation($input: DocumentUpdateInput!) { documentUpdate(input: $input) { userErrors { code } } }', { input: { id, title: 'Proposal' } }, owner);
      // Each push reads the document as it is when it is sent: the next change waits for this one. The
      // create's own event may still be on its way from the outbox when the subscription starts.
      let pushed = (await reader.next()).data!.documentChanged as { event: string };
      if (pushed.event === 'document.created') pushed = (await reader.next()).data!.documentChanged as { event: string };
      expect(pushed).toEqual({
        event: 'document.updated',
        changedFields: ['title'],
        document: { title: 'Proposal', status: 'DRAFT' },
        actor: { id: owner.userId },
      });
      await ok(
        'mutation($input: DocumentStatusSetInput!) { documentStatusSet(input: $input) { userErrors { code } } }',
        { input: { id, status: 'INTERNAL_REVIEW' } },
        colleague,
      );
      expect((await reader.next()).data!.documentChanged).toEqual({
        event: 'document.status_changed',
        changedFields: [],
        document: { title: 'Proposal', status: 'INTERNAL_REVIEW' },
        actor: { id: colleague.userId },
      });
      expect(outsider.results).toEqual([]);
      // The colleague moved the owner's document: the owner is told, through notifications.
      await expect
        .poll(async () => (await ok('{ notifications(first: 10) { nodes { event title } } }', {}, owner)).notifications.nodes)
        .toContainEqual({ event: 'document.status_changed', title: '“Proposal” is now Internal review' });
    } finally {
      for (const client of clients) await client.dispose();
    }
  });
});
