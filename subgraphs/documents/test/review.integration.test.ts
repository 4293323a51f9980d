import { BadTokenThrottle, readSentEmails, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  TEST_REDIS_URL,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentsSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const documents = mutationsOf(() => harness, 'documents');
const anonymous: Principal = { kind: 'anonymous' };

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([documentsSubgraph], { databaseUrl: database.url, env: { APP_URL: 'https://app.example' } });
  owner = await testMember(database.url, 'owner');
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const create = async (name: string, who: TestMember = member) =>
  (
    await documents.mutate(
      who.principal,
      'documentCreate',
      { title: name, type: 'CONTRACT', content: '<p data-field="fee">The fee is 500 EUR.</p>' },
      'document { id title }',
    )
  ).document;
const REVIEW = 'review { id email name message sentAt expiresAt revokedAt lastSeenAt }';
const send = (documentId: string, email: string, who: TestMember = member, extra: Record<string, unknown> = {}) =>
  documents.mutate(who.principal, 'documentSend', { id: documentId, email, ...extra }, `document { id } ${REVIEW}`);

/** The token of the review link e-mailed to `to` (the only place it exists). */
async function tokenSentTo(to: string): Promise<string> {
  let token = '';
  await expect
    .poll(() => {
      const mail = readSentEmails(harness.emailDir).find((m) => m.to === to);
      token = decodeURIComponent(/token=([^\s&]+)/.exec(mail?.text ?? '')?.[1] ?? '');
      return token;
    })
    .not.toBe('');
  return token;
}

const READ = 'query($token: String!) { documentReview(token: $token) { title content revisions { number } expiresAt } }';
const readAs = (token: string) => query(anonymous, READ, { token });
const suggest = (token: string, extra: Record<string, unknown> = {}) =>
  query(
    anonymous,
    'mutation($input: DocumentSuggestionSubmitInput!) { documentSuggestionSubmit(input: $input) { suggestion { id section } userErrors { code field } } }',
    { input: { token, section: 'fee', originalText: '500 EUR', suggestedText: '450 EUR', comment: 'Budget', ...extra } },
  );
const SUGGESTIONS =
  'query($id: ID!) { document(id: $id) { suggestions { totalCount nodes { id section originalText suggestedText comment state decidedAt notes } } } }';
const REVIEWS = 'query($id: ID!) { document(id: $id) { reviews { totalCount nodes { email revokedAt lastSeenAt } } } }';

describe('external review', () => {
  it('sends a link by e-mail, lets its holder read and suggest, and the owner decide', async () => {
    const document = await create('Master services agreement');
    const sent = await send(document.id, 'Client@Example.com', member, { name: 'Cleo', message: 'Please check the fee', expiresInDays: 3 });
    expect(sent.review).toMatchObject({ email: 'client@example.com', name: 'Cleo', message: 'Please check the fee', revokedAt: null, lastSeenAt: null });
    expect(Date.parse(sent.review.expiresAt) - Date.parse(sent.review.sentAt)).toBe(3 * 24 * 3600 * 1000);

    const token = await tokenSentTo('client@example.com');
    expect(token).toMatch(/^cgd_/);
    const mail = readSentEmails(harness.emailDir).find((m) => m.to === 'client@example.com')!;
    expect(mail.subject).toBe('Please review “Master services agreement”');
    expect(mail.text).toContain(`https://app.example/review?token=${encodeURIComponent(token)}`);
    // Stored hashed: the token appears nowhere in the database.
    const stored = await withClient(database.url, async (client) => (await client.query(`SELECT token_hash FROM documents.document_reviews`)).rows);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));

    const read = await readAs(token);
    expect(read.errors).toBeUndefined();
    expect(read.data!.documentReview).toMatchObject({ title: 'Master services agreement', revisions: [], expiresAt: sent.review.expiresAt });
    expect(read.data!.documentReview.content).toContain('500 EUR');

    const submitted = await suggest(token);
    expect(submitted.data!.documentSuggestionSubmit).toEqual({ suggestion: { id: expect.any(String), section: 'fee' }, userErrors: [] });
    const invalid = await suggest(token, { section: ' ' });
    expect(invalid.data!.documentSuggestionSubmit.userErrors).toEqual([{ code: 'DOCUMENT_INVALID_INPUT', field: ['input', 'section'] }]);

    const reviews = (await query(member.principal, REVIEWS, { id: document.id })).data!.document.reviews;
    expect(reviews).toMatchObject({ totalCount: 1, nodes: [{ email: 'client@example.com', revokedAt: null, lastSeenAt: expect.any(String) }] });
    const suggestions = (await query(member.principal, SUGGESTIONS, { id: document.id })).data!.document.suggestions;
    expect(suggestions).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: submitted.data!.documentSuggestionSubmit.suggestion.id,
          section: 'fee',
          originalText: '500 EUR',
          suggestedText: '450 EUR',
          comment: 'Budget',
          state: 'PENDING',
          decidedAt: null,
          notes: null,
        },
      ],
    });

    const events = await outboxEvents(database.url, 'documents', uuidOf(document.id));
    expect(events.map((event) => event.type)).toEqual(['document.created', 'document.status_changed', 'document.sent', 'document.suggestion_received']);
    expect(events[1]!.data).toMatchObject({ from: 'draft', to: 'client_review', cause: 'review' });
    expect(events[2]!.data).toEqual({ reviewId: uuidOf(sent.review.id), email: 'client@example.com', expiresAt: sent.review.expiresAt });
    expect(events[3]).toMatchObject({
      actor_id: null,
      data: { section: 'fee', reviewerEmail: 'client@example.com', title: 'Master services agreement', recipients: [member.userId] },
    });

    // Approving applies the change to the section; a suggestion whose original text is gone is stale, and is rejected with notes.
    const id = suggestions.nodes[0].id;
    const approved = await documents.mutate(member.principal, 'documentSuggestionApprove', { id }, 'suggestion { state decidedAt } document { content }');
    expect(approved.suggestion).toEqual({ state: 'APPROVED', decidedAt: expect.any(String) });
    expect(approved.document.content).toContain('The fee is 450 EUR.');
    // …as a revision (the original kept as revision 0) whose field change is the section's text before and after.
    const revised = (
      await query(
        member.principal,
        'query($id: ID!) { document(id: $id) { revisions { nodes { number description author { id } changes { kind fieldName oldValue newValue state } } } } }',
        { id: document.id },
      )
    ).data!.document;
    expect(revised.revisions.nodes).toEqual([
      {
        number: 1,
        description: 'Suggestion from client@example.com approved',
        author: { id: expect.any(String) },
        changes: [{ kind: 'FIELD', fieldName: 'fee', oldValue: 'The fee is 500 EUR.', newValue: 'The fee is 450 EUR.', state: 'PENDING' }],
      },
      { number: 0, description: 'Original', author: null, changes: [] },
    ]);
    expect((await readAs(token)).data!.documentReview.revisions).toEqual([{ number: 1 }, { number: 0 }]);
    expect(await documents.refused(member.principal, 'documentSuggestionApprove', { id })).toEqual(['DOCUMENT_SUGGESTION_ALREADY_DECIDED']);
    const stale = (await suggest(token)).data!.documentSuggestionSubmit.suggestion.id;
    expect(await documents.refused(member.principal, 'documentSuggestionApprove', { id: stale })).toEqual(['DOCUMENT_SUGGESTION_STALE']);
    const rejected = await documents.mutate(
      member.principal,
      'documentSuggestionReject',
      { id: stale, notes: 'Fee is fixed' },
      'suggestion { state notes decidedAt } document { id }',
    );
    expect(rejected).toMatchObject({ suggestion: { state: 'REJECTED', notes: 'Fee is fixed', decidedAt: expect.any(String) }, document: { id: document.id } });
    expect((await outboxEvents(database.url, 'documents', uuidOf(document.id))).at(-1)!.type).toBe('document.suggestion_rejected');
  });

  it('answers every misused token with the same coded error: malformed, guessed, expired, revoked, trashed document', async () => {
    const document = await create('Proposal');
    const other = await create('Other proposal');
    const sent = await send(document.id, 'misuse@example.com');
    const token = await tokenSentTo('misuse@example.com');
    await send(other.id, 'other@example.com');
    const otherToken = await tokenSentTo('other@example.com');

    const refusedRead = async (value: string) => {
      const answer = await readAs(value);
      expect(answer.data?.documentReview ?? null).toBeNull();
      return answer.errors?.map((error) => error.extensions?.code);
    };
    const refusedSuggest = async (value: string) =>
      (await suggest(value)).data!.documentSuggestionSubmit.userErrors.map((error: { code: string }) => error.code);
    const guessed = `cgd_${Buffer.alloc(32, 7).toString('base64url')}`;
    for (const bad of ['', 'nonsense', guessed, token.slice(0, -1)]) {
      expect(await refusedRead(bad)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);
      expect(await refusedSuggest(bad)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);
    }
    // Each token shows its own document only.
    expect((await readAs(otherToken)).data!.documentReview.title).toBe('Other proposal');
    expect((await readAs(token)).data!.documentReview.title).toBe('Proposal');

    await withClient(database.url, (client) =>
      client.query(`UPDATE documents.document_reviews SET expires_at = now() - interval '1 second' WHERE id = $1`, [uuidOf(sent.review.id)]),
    );
    expect(await refusedRead(token)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);
    expect(await refusedSuggest(token)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);

    const otherReview = (await query(member.principal, 'query($id: ID!) { document(id: $id) { reviews { nodes { id } } } }', { id: other.id })).data!.document
      .reviews.nodes[0].id;
    const revoked = await documents.mutate(member.principal, 'documentReviewRevoke', { id: otherReview }, 'review { revokedAt }');
    expect(revoked.review.revokedAt).toEqual(expect.any(String));
    expect(await refusedRead(otherToken)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);

    const third = await create('Trashed later');
    await send(third.id, 'trash@example.com');
    const thirdToken = await tokenSentTo('trash@example.com');
    await documents.mutate(member.principal, 'documentDelete', { id: third.id }, 'deletedDocumentId');
    expect(await refusedRead(thirdToken)).toEqual(['DOCUMENT_REVIEW_TOKEN_INVALID']);

    // An API key cannot use the public operations at all.
    const key: Principal = { kind: 'api_key', keyId: uuidv7(), keyName: 'k', userId: member.userId, orgId: owner.orgId, scopes: ['documents:write'] };
    expect((await query(key, READ, { token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rate-limits bad tokens per client address', async () => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      const throttle = new BadTokenThrottle(
        redis,
        `test-${uuidv7()}`,
        { name: 'documents:review', what: 'review links' },
        { failuresPerAddress: 3, windowSeconds: 60 },
      );
      for (let i = 0; i < 3; i += 1) {
        await throttle.check('10.0.0.1');
        await throttle.fail('10.0.0.1');
      }
      await expect(throttle.check('10.0.0.1')).rejects.toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfter: expect.any(Number) } });
      await expect(throttle.check('10.0.0.2')).resolves.toBeUndefined();
      await expect(throttle.check(undefined)).resolves.toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });
});

describe('tenancy', () => {
  it('keeps another organization from sending, revoking, reading reviews or deciding suggestions', async () => {
    const document = await create('Ours');
    const sent = await send(document.id, 'tenancy@example.com');
    const token = await tokenSentTo('tenancy@example.com');
    const suggestionId = (await suggest(token)).data!.documentSuggestionSubmit.suggestion.id;

    expect(await documents.refused(stranger.principal, 'documentSend', { id: document.id, email: 'x@example.com' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentReviewRevoke', { id: sent.review.id })).toEqual(['DOCUMENT_REVIEW_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentSuggestionApprove', { id: suggestionId })).toEqual(['DOCUMENT_SUGGESTION_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentSuggestionReject', { id: suggestionId })).toEqual(['DOCUMENT_SUGGESTION_NOT_FOUND']);
    const counts = await withClient(database.url, async (client) => {
      await client.query('SET ROLE cellgraph_documents_app');
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.org_id', $1, true)`, [stranger.orgId]);
        const reviews = (await client.query('SELECT count(*)::int AS n FROM documents.document_reviews')).rows[0].n;
        const suggestions = (await client.query('SELECT count(*)::int AS n FROM documents.document_edit_suggestions')).rows[0].n;
        await client.query('ROLLBACK');
        return { reviews, suggestions };
      } finally {
        await client.query('RESET ROLE');
      }
    });
    expect(counts).toEqual({ reviews: 0, suggestions: 0 });
  });
});

describe('permissions', () => {
  it('refuses a guest sending, the reviews list, revoking and deciding', async () => {
    const document = await create('Members only');
    const sent = await send(document.id, 'perm@example.com');
    const token = await tokenSentTo('perm@example.com');
    const suggestionId = (await suggest(token)).data!.documentSuggestionSubmit.suggestion.id;

    expect(await documents.refused(guest.principal, 'documentSend', { id: document.id, email: 'x@example.com' })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'documentReviewRevoke', { id: sent.review.id })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'documentSuggestionReject', { id: suggestionId })).toEqual(['DOCUMENT_NOT_FOUND']);
    const reviews = await query(guest.principal, REVIEWS, { id: document.id });
    expect(reviews.data!.document).toBeNull();
    expect(reviews.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymousSend = await query(anonymous, 'mutation($id: ID!) { documentSend(input: { id: $id, email: "a@example.com" }) { review { id } } }', {
      id: document.id,
    });
    expect(anonymousSend.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await documents.refused(member.principal, 'documentSend', { id: document.id, email: 'not-an-email' })).toEqual(['DOCUMENT_INVALID_INPUT']);
    expect(await documents.refused(member.principal, 'documentSend', { id: document.id, email: 'a@example.com', expiresInDays: 91 })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
  });
});
