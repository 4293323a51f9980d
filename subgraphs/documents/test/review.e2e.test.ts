import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

/*
 * External review through the gateway of cell `agency`: the link e-mailed to someone without an
 * account, the public operations they reach with it, the owner's notification and decision — and
 * the token refused everywhere else.
 */

let cell: TestCell;
let owner: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ cell: 'agency', env: { DOCUMENT_REVIEW_FAILURES_PER_ADDRESS: '12' } });
  owner = await cell.signUp('Owner');
});
afterAll(async () => {
  await cell?.stop();
});

const ok = async (query: string, variables: Record<string, unknown>, token?: string) => {
  const answer = await cell.gql(query, variables, token);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
};
const READ = 'query($token: String!) { documentReview(token: $token) { title content revisions { number } } }';
const SUGGEST = 'mutation($input: DocumentSuggestionSubmitInput!) { documentSuggestionSubmit(input: $input) { suggestion { id } userErrors { code } } }';

describe('external review through the gateway', () => {
  it('sends, e-mails the link, lets the reviewer read and suggest without an account, notifies the owner, who decides', async () => {
    const created = await ok('mutation { documentCreate(input: { title: "Retainer agreement", type: CONTRACT }) { document { id } } }', {}, owner.token);
    const documentId = created.documentCreate.document.id as string;
    const sent = await ok(
      'mutation($input: DocumentSendInput!) { documentSend(input: $input) { review { id email } userErrors { code } } }',
      { input: { id: documentId, email: 'reviewer@client.test', name: 'Rita' } },
      owner.token,
    );
    expect(sent.documentSend).toEqual({ review: { id: expect.any(String), email: 'reviewer@client.test' }, userErrors: [] });

    const mail = await waitForEmail(cell, 'reviewer@client.test');
    expect(mail.subject).toBe('Please review “Retainer agreement”');
    const { token } = mail;
    expect(await ok(READ, { token })).toMatchObject({ documentReview: { title: 'Retainer agreement', revisions: [] } });

    const submitted = await ok(SUGGEST, { input: { token, section: 'fee', originalText: '500', suggestedText: '450', comment: 'Budget' } });
    expect(submitted.documentSuggestionSubmit.userErrors).toEqual([]);

    // The owner is notified (sender and owner are the same person: one notification).
    await expect
      .poll(async () => (await ok('{ notifications { nodes { event title subjectType } } }', {}, owner.token)).notifications.nodes, { timeout: 15_000 })
      .toContainEqual({ event: 'document.suggestion_received', title: 'A reviewer suggested a change to “Retainer agreement”', subjectType: 'Document' });

    const suggestions = await ok(
      'query($id: ID!) { document(id: $id) { reviews { nodes { email lastSeenAt } } suggestions { nodes { id state suggestedText } } } }',
      { id: documentId },
      owner.token,
    );
    expect(suggestions.document.reviews.nodes).toEqual([{ email: 'reviewer@client.test', lastSeenAt: expect.any(String) }]);
    const [suggestion] = suggestions.document.suggestions.nodes;
    expect(suggestion).toMatchObject({ state: 'PENDING', suggestedText: '450' });
    const rejected = await ok(
      'mutation($input: DocumentSuggestionRejectInput!) { documentSuggestionReject(input: $input) { suggestion { state notes } userErrors { code } } }',
      { input: { id: suggestion.id, notes: 'The fee is fixed' } },
      owner.token,
    );
    expect(rejected.documentSuggestionReject).toEqual({ suggestion: { state: 'REJECTED', notes: 'The fee is fixed' }, userErrors: [] });

    // The token is for these two operations only: as a credential, or anywhere else, it is refused.
    const asBearer = await cell.gql('{ documents { totalCount } }', {}, token);
    expect(asBearer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const onInvitation = await cell.gql(
      'mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken } userErrors { code } } }',
      { input: { token, name: 'Rita', password: 'Correct-Horse-9-battery' } },
    );
    expect(onInvitation.data?.invitationAccept?.session ?? null).toBeNull();
    const anonymousList = await cell.gql('{ documents { totalCount } }', {});
    expect(anonymousList.data?.documents ?? null).toBeNull();
    expect(anonymousList.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses guessed tokens with one coded error, then rate-limits the address', async () => {
    const guessed = (i: number) => `cgd_${Buffer.alloc(32, i).toString('base64url')}`;
    const codes: string[] = [];
    for (let i = 0; i < 14; i += 1) {
      const answer = await cell.gql(READ, { token: guessed(i) });
      codes.push(answer.errors![0]!.extensions!.code as string);
    }
    expect(new Set(codes.slice(0, 10))).toEqual(new Set(['DOCUMENT_REVIEW_TOKEN_INVALID']));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});
