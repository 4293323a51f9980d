import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseSectionIds } from '../src/document-clause/clause-sections.js';
import { documentsSubgraph } from '../src/index.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const documents = mutationsOf(() => harness, 'documents');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([documentsSubgraph], { databaseUrl: database.url });
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
const DOCUMENT = 'id title type status content template { id } clauses { clause { id title } version currentVersion position overridden body }';
const clause = async (title: string, input: Record<string, unknown> = {}, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'clauseCreate', { title, category: 'General', body: `<p>${title} text</p>`, ...input }, 'clause { id }')).clause
    .id as string;
const document = async (title: string, input: Record<string, unknown> = {}, who: TestMember = member) =>
  (await documents.mutate(who.principal, 'documentCreate', { title, type: 'CONTRACT', content: '<h1>Agreement</h1>', ...input }, 'document { id }')).document
    .id as string;
const change = async (mutation: string, input: Record<string, unknown>, who: TestMember = member) =>
  (await documents.mutate(who.principal, mutation, input, `document { ${DOCUMENT} }`)).document;
/** Section order of the content must be the order of `clauses`, positions 0, 1, 2… */
const expectConsistent = (doc: { content: string; clauses: { clause: { id: string } | null; position: number }[] }) => {
  expect(clauseSectionIds(doc.content)).toEqual(doc.clauses.map((row) => row.clause?.id));
  expect(doc.clauses.map((row) => row.position)).toEqual(doc.clauses.map((_, index) => index));
};

describe('templates', () => {
  it('make DRAFT documents with the template’s content and clauses, then every clause included by default', async () => {
    // Every clause included by default of the organization is made here (the other tests’ are not).
    const payment = await clause('Payment', { category: 'A payment', includeByDefault: true });
    const liability = await clause('Liability', { category: 'B liability', includeByDefault: true });
    const confidentiality = await clause('Confidentiality', { category: 'C other' });
    await clause('Theirs', { includeByDefault: true }, stranger);
    const template = await document('Service agreement', { type: 'TEMPLATE' });
    await change('documentClauseInsert', { id: template, clauseId: confidentiality });
    await change('documentClauseOverride', { id: template, clauseId: confidentiality, body: '<p>Template wording</p>' });

    const created = await change('documentCreateFromTemplate', { templateId: template, title: 'Acme agreement', idempotencyKey: `k-${uuidv7()}` });
    expect(created).toMatchObject({ title: 'Acme agreement', type: 'CONTRACT', status: 'DRAFT', template: { id: template } });
    expect(created.content.startsWith('<h1>Agreement</h1><section data-field="clause:')).toBe(true);
    expect(created.clauses.map((row: { clause: { title: string } }) => row.clause.title)).toEqual(['Confidentiality', 'Payment', 'Liability']);
    expect(created.clauses[0]).toMatchObject({ overridden: true, body: '<p>Template wording</p>', version: 1 });
    expect(created.clauses[1]).toMatchObject({ clause: { id: payment }, overridden: false, body: '<p>Payment text</p>' });
    expect(created.clauses[2].clause.id).toBe(liability);
    expectConsistent(created);

    expect(await documents.refused(member.principal, 'documentCreateFromTemplate', { templateId: created.id, title: 'Not from a template' })).toEqual([
      'DOCUMENT_NOT_A_TEMPLATE',
    ]);
    const theirs = await document('Their template', { type: 'TEMPLATE' }, stranger);
    expect(await documents.refused(member.principal, 'documentCreateFromTemplate', { templateId: theirs, title: 'Stolen' })).toEqual(['DOCUMENT_NOT_FOUND']);
    const templates = await query(member.principal, '{ documents(filter: { type: { eq: TEMPLATE } }) { nodes { id } } }');
    expect(templates.data!.documents.nodes).toEqual([{ id: template }]);
    // Nothing half made: the refused attempts left no document behind.
    const count = await withClient(database.url, (client) => client.query('SELECT count(*)::int AS n FROM documents.documents WHERE template_id IS NOT NULL'));
    expect(count.rows[0].n).toBe(1);
  });
});

describe('clauses in a document', () => {
  it('are inserted, moved, overridden, refreshed and removed, the content and the rows always agreeing, each with its event', async () => {
    const [a, b, c] = [await clause('Alpha'), await clause('Bravo'), await clause('Charlie')];
    const id = await document('Clauses');
    await change('documentClauseInsert', { id, clauseId: a });
    await change('documentClauseInsert', { id, clauseId: b });
    let doc = await change('documentClauseInsert', { id, clauseId: c, position: 0 });
    expect(doc.clauses.map((row: { clause: { title: string } }) => row.clause.title)).toEqual(['Charlie', 'Alpha', 'Bravo']);
    expect(doc.content.startsWith('<h1>Agreement</h1>')).toBe(true);
    expectConsistent(doc);
    expect(await documents.refused(member.principal, 'documentClauseInsert', { id, clauseId: a })).toEqual(['DOCUMENT_CLAUSE_ALREADY_INSERTED']);

    doc = await change('documentClauseMove', { id, clauseId: c, position: 9 });
    expect(doc.clauses.map((row: { clause: { title: string } }) => row.clause.title)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expectConsistent(doc);

    doc = await change('documentClauseOverride', { id, clauseId: b, body: '<p onclick="x()">Our own <script>bad()</script>terms</p>' });
    expect(doc.clauses[1]).toMatchObject({ overridden: true, body: '<p>Our own terms</p>' });
    expect(doc.content).toContain('<p>Our own terms</p></section>');

    await documents.mutate(member.principal, 'clauseUpdate', { id: b, body: '<p>Bravo v2</p>' }, 'clause { version }');
    doc = await change('documentClauseOverride', { id, clauseId: b, body: null });
    expect(doc.clauses[1]).toMatchObject({ overridden: false, version: 1, currentVersion: 2, body: '<p>Bravo text</p>' });
    doc = await change('documentClauseRefresh', { id, clauseId: b });
    expect(doc.clauses[1]).toMatchObject({ overridden: false, version: 2, currentVersion: 2, body: '<p>Bravo v2</p>' });
    expect(doc.content).toContain('data-clause-version="2"><p>Bravo v2</p></section>');

    doc = await change('documentClauseRemove', { id, clauseId: a });
    expect(doc.clauses.map((row: { clause: { title: string } }) => row.clause.title)).toEqual(['Bravo', 'Charlie']);
    expectConsistent(doc);
    expect(await documents.refused(member.principal, 'documentClauseMove', { id, clauseId: a, position: 0 })).toEqual(['DOCUMENT_CLAUSE_NOT_INSERTED']);
    expect(await documents.refused(member.principal, 'documentClauseMove', { id, clauseId: b, position: -1 })).toEqual(['DOCUMENT_INVALID_INPUT']);

    // A content edit that drops a section drops its clause from the document.
    const $ = load(doc.content, null, false);
    $('section[data-label="Charlie"]').remove();
    const edited = $.html();
    expect(edited).not.toBe(doc.content);
    await documents.mutate(member.principal, 'documentUpdate', { id, content: edited }, 'document { id }');
    doc = await change('documentClauseMove', { id, clauseId: b, position: 0 });
    expect(doc.clauses.map((row: { clause: { title: string } }) => row.clause.title)).toEqual(['Bravo']);
    expectConsistent(doc);

    const events = (await outboxEvents(database.url, 'documents', uuidOf(id))).map((event) => event.type).filter((type) => type.includes('clause'));
    expect(events).toEqual([
      'document.clause_inserted',
      'document.clause_inserted',
      'document.clause_inserted',
      'document.clause_moved',
      'document.clause_overridden',
      'document.clause_overridden',
      'document.clause_refreshed',
      'document.clause_removed',
      'document.clause_moved',
    ]);
  });

  it('keep their text when the clause goes to the trash, and go with it when it is purged; a VOID document’s do not change', async () => {
    const doomed = await clause('Doomed');
    const id = await document('Keeps text');
    await change('documentClauseInsert', { id, clauseId: doomed });
    await documents.mutate(member.principal, 'clauseDelete', { id: doomed }, 'deletedClauseId');
    const read = async () => (await query(member.principal, `query($id: ID!) { document(id: $id) { ${DOCUMENT} } }`, { id })).data!.document;
    expect((await read()).clauses).toEqual([expect.objectContaining({ clause: null, body: '<p>Doomed text</p>' })]);
    expect(await documents.refused(member.principal, 'documentClauseInsert', { id: await document('Other'), clauseId: doomed })).toEqual(['CLAUSE_NOT_FOUND']);
    await documents.mutate(owner.principal, 'clausePurge', { id: doomed }, 'deletedClauseId');
    const after = await read();
    expect(after.clauses).toEqual([]);
    expect(after.content).toContain('<p>Doomed text</p>');

    const kept = await clause('Kept');
    await change('documentClauseInsert', { id, clauseId: kept });
    await documents.mutate(member.principal, 'documentVoid', { id, reason: 'Cancelled' }, 'document { id }');
    expect(await documents.refused(member.principal, 'documentClauseRemove', { id, clauseId: kept })).toEqual(['DOCUMENT_LOCKED']);
  });

  it('are changed only by who may write the document, with clauses they read', async () => {
    const mine = await clause('Mine');
    const theirs = await clause('Theirs', {}, stranger);
    const id = await document('Guarded');
    expect(await documents.refused(member.principal, 'documentClauseInsert', { id, clauseId: theirs })).toEqual(['CLAUSE_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentClauseInsert', { id, clauseId: theirs })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(guest.principal, 'documentClauseInsert', { id, clauseId: mine })).toEqual(['DOCUMENT_NOT_FOUND']);
    expect(await documents.refused(member.principal, 'documentClauseInsert', { id: toGlobalId('Document', uuidv7()), clauseId: mine })).toEqual([
      'DOCUMENT_NOT_FOUND',
    ]);
    const guestCreate = await query(
      guest.principal,
      `mutation($t: ID!) { documentCreateFromTemplate(input: { templateId: $t, title: "Sneaky" }) { document { id } } }`,
      {
        t: id,
      },
    );
    expect(guestCreate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rows = await withClient(database.url, (client) =>
      client.query('SELECT count(*)::int AS n FROM documents.document_clauses WHERE document_id = $1', [uuidOf(id)]),
    );
    expect(rows.rows[0].n).toBe(0);
  });
});
