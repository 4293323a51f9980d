import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
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

const CONTRACT = '<h1>Agreement</h1><p>Payment within <span data-field="payment_terms">30 days</span>, fee <strong data-field="fee">5,000 EUR</strong>.</p>';
const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('documents', text, variables, principal);
const create = async (who: TestMember = member) =>
  (await documents.mutate(who.principal, 'documentCreate', { title: 'Contract', type: 'CONTRACT', content: CONTRACT }, 'document { id }')).document
    .id as string;
const CHANGES = 'changes { id kind fieldName fieldLabel markId oldValue newValue state position decidedBy { id } }';
const revise = (id: string, input: Record<string, unknown>, who: TestMember = member) =>
  documents.mutate(
    who.principal,
    'documentRevise',
    { id, ...input },
    `document { content revisionCount } revision { number description author { id } ${CHANGES} }`,
  );
const read = async (id: string, fields: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { document(id: $id) { ${fields} } }`, { id })).data?.document;

describe('revisions', () => {
  it('keep the original as revision 0 on the first save, number every save and record field changes', async () => {
    const id = await create();
    expect(await read(id, 'revisionCount revisions { totalCount }')).toEqual({ revisionCount: 0, revisions: { totalCount: 0 } });

    const first = await revise(id, { description: 'Longer terms', fields: [{ field: 'payment_terms', label: 'Payment terms', value: '45 days' }] });
    expect(first.document).toEqual({ content: expect.stringContaining('<span data-field="payment_terms">45 days</span>'), revisionCount: 2 });
    expect(first.revision).toMatchObject({
      number: 1,
      description: 'Longer terms',
      author: { id: member.globalUserId },
      changes: [
        {
          kind: 'FIELD',
          fieldName: 'payment_terms',
          fieldLabel: 'Payment terms',
          markId: null,
          oldValue: '30 days',
          newValue: '45 days',
          state: 'PENDING',
          position: 0,
          decidedBy: null,
        },
      ],
    });
    const second = await revise(id, {
      description: 'Free text',
      content: first.document.content.replace('.</p>', '<span data-inserted="true"> per month</span><del data-deleted="true"> once</del>.</p>'),
    });
    expect(second.revision.number).toBe(2);
    expect(second.revision.changes).toMatchObject([
      { kind: 'INSERTION', fieldName: null, oldValue: '', newValue: ' per month', markId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      { kind: 'DELETION', oldValue: ' once', newValue: '' },
    ]);
    const history = await read(id, 'revisions { totalCount nodes { number description author { id } content } }');
    expect(history.revisions.totalCount).toBe(3);
    expect(history.revisions.nodes.map((revision: { number: number }) => revision.number)).toEqual([2, 1, 0]);
    expect(history.revisions.nodes[2]).toEqual({ number: 0, description: 'Original', author: null, content: CONTRACT });

    expect(await documents.refused(member.principal, 'documentRevise', { id, description: 'Same', fields: [{ field: 'fee', value: '5,000 EUR' }] })).toEqual([
      'DOCUMENT_REVISION_EMPTY',
    ]);
    expect(await documents.refused(member.principal, 'documentRevise', { id, description: 'Typo', fields: [{ field: 'feee', value: '1' }] })).toEqual([
      'DOCUMENT_FIELD_NOT_FOUND',
    ]);
    expect(await documents.refused(member.principal, 'documentRevise', { id, description: ' ', fields: [{ field: 'fee', value: '1' }] })).toEqual([
      'DOCUMENT_INVALID_INPUT',
    ]);
    // A refused save leaves nothing behind.
    expect(await read(id, 'revisionCount')).toEqual({ revisionCount: 3 });

    const events = await outboxEvents(database.url, 'documents', uuidOf(id));
    expect(events.filter((event) => event.type === 'document.revised').map((event) => event.data)).toEqual([
      { revision: 1, description: 'Longer terms', fields: ['payment_terms'], changes: 1, title: 'Contract', ownerId: member.userId },
      { revision: 2, description: 'Free text', fields: [], changes: 2, title: 'Contract', ownerId: member.userId },
    ]);
  });

  it('never give two saves at once the same number', async () => {
    const id = await create();
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, index) => revise(id, { description: `Save ${index}`, fields: [{ field: 'fee', value: `${index + 1},000 EUR` }] })),
    );
    expect(saves.map((save) => save.revision.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await read(id, 'revisionCount')).toEqual({ revisionCount: 7 });
  });

  it('accept and reject one change or a whole revision, putting old values and text back', async () => {
    const id = await create();
    const fields = await revise(id, {
      description: 'Terms and fee',
      fields: [
        { field: 'payment_terms', value: '60 days' },
        { field: 'fee', value: '7,000 EUR' },
      ],
    });
    const [terms, fee] = fields.revision.changes;
    const rejected = await documents.mutate(member.principal, 'documentChangeReject', { id: fee.id }, `document { content } ${CHANGES}`);
    expect(rejected.document.content).toContain('<strong data-field="fee">5,000 EUR</strong>');
    expect(rejected.changes).toMatchObject([{ id: fee.id, state: 'REJECTED', decidedBy: { id: member.globalUserId } }]);
    expect(await documents.refused(member.principal, 'documentChangeAccept', { id: fee.id })).toEqual(['DOCUMENT_CHANGE_ALREADY_DECIDED']);

    // A later save of the same field: rejecting the earlier change would undo someone else's edit.
    await revise(id, { description: 'Shorter', fields: [{ field: 'payment_terms', value: '50 days' }] });
    expect(await documents.refused(member.principal, 'documentChangeReject', { id: terms.id })).toEqual(['DOCUMENT_CHANGE_CONFLICT']);
    expect((await documents.mutate(member.principal, 'documentChangeAccept', { id: terms.id }, CHANGES)).changes[0].state).toBe('ACCEPTED');

    const current = (await read(id, 'content')).content as string;
    const marked = await revise(id, {
      description: 'Wording',
      content: current.replace('Agreement', '<span data-deleted="true">Agreement</span><span data-inserted="true">Contract</span>'),
    });
    const all = await documents.mutate(member.principal, 'documentRevisionReject', { id, revision: marked.revision.number }, `document { content } ${CHANGES}`);
    expect(all.changes.map((change: { state: string }) => change.state)).toEqual(['REJECTED', 'REJECTED']);
    expect(all.document.content).toContain('<h1>Agreement</h1>');
    expect(all.document.content).not.toContain('data-inserted');
    expect(await documents.refused(member.principal, 'documentRevisionAccept', { id, revision: 99 })).toEqual(['DOCUMENT_REVISION_NOT_FOUND']);
    expect(await documents.refused(member.principal, 'documentChangeAccept', { id: toGlobalId('DocumentRevisionChange', uuidv7()) })).toEqual([
      'DOCUMENT_CHANGE_NOT_FOUND',
    ]);

    const types = (await outboxEvents(database.url, 'documents', uuidOf(id))).map((event) => event.type);
    expect(types.filter((type) => type.startsWith('document.change_'))).toEqual([
      'document.change_rejected',
      'document.change_accepted',
      'document.change_rejected',
    ]);
  });

  it('render the redline cumulatively, for one revision, with or without old text, and compare versions', async () => {
    const id = await create();
    await revise(id, { description: 'One', fields: [{ field: 'payment_terms', value: '45 days' }] });
    const two = await revise(id, {
      description: 'Two',
      fields: [
        { field: 'payment_terms', value: '60 days' },
        { field: 'fee', value: '<b>6,000</b> EUR' },
      ],
    });
    const [terms, fee] = two.revision.changes.map((change: { id: string }) => change.id);
    const views = await read(
      id,
      `cumulative: redline
       newOnly: redline(includeOldText: false)
       first: redline(mode: REVISION, revision: 1)
       missing: redline(mode: REVISION, revision: 9)
       compare(from: 0) { field from to }
       between: compare(from: 1, to: 2) { field from to }
       none: compare(from: 0, to: 7) { field }`,
    );
    expect(views.cumulative).toBe(
      `<h1>Agreement</h1><p>Payment within <span data-field="payment_terms"><del data-deleted="${terms}">30 days</del><ins data-inserted="${terms}">60 days</ins></span>, ` +
        `fee <strong data-field="fee"><del data-deleted="${fee}">5,000 EUR</del><ins data-inserted="${fee}">&lt;b&gt;6,000&lt;/b&gt; EUR</ins></strong>.</p>`,
    );
    expect(views.newOnly).not.toContain('<del');
    expect(views.newOnly).toContain(`<ins data-inserted="${terms}">60 days</ins>`);
    expect(views.first).toMatch(
      /<del data-deleted="[^"]+">30 days<\/del><ins data-inserted="[^"]+">45 days<\/ins><\/span>, fee <strong data-field="fee">5,000 EUR<\/strong>/,
    );
    expect(views.missing).toBeNull();
    expect(views.compare).toEqual([
      { field: 'payment_terms', from: '30 days', to: '60 days' },
      { field: 'fee', from: '5,000 EUR', to: '<b>6,000</b> EUR' },
    ]);
    expect(views.between).toEqual([
      { field: 'payment_terms', from: '45 days', to: '60 days' },
      { field: 'fee', from: '5,000 EUR', to: '<b>6,000</b> EUR' },
    ]);
    expect(views.none).toBeNull();

    // A rejected change leaves the cumulative redline.
    await documents.mutate(member.principal, 'documentChangeReject', { id: fee }, 'document { id }');
    expect((await read(id, 'redline')).redline).toContain('<strong data-field="fee">5,000 EUR</strong>');
  });
});

describe('tenancy and permissions', () => {
  it('keep other organizations and guests away from revisions and changes', async () => {
    const id = await create();
    const saved = await revise(id, { description: 'Mine', fields: [{ field: 'fee', value: '1 EUR' }] });
    const change = saved.revision.changes[0].id;

    expect(await read(id, 'revisionCount', stranger)).toBeNull();
    expect(await documents.refused(stranger.principal, 'documentRevise', { id, description: 'Theirs', fields: [{ field: 'fee', value: '2 EUR' }] })).toEqual([
      'DOCUMENT_NOT_FOUND',
    ]);
    expect(await documents.refused(stranger.principal, 'documentChangeReject', { id: change })).toEqual(['DOCUMENT_CHANGE_NOT_FOUND']);
    expect(await documents.refused(stranger.principal, 'documentRevisionAccept', { id, revision: 1 })).toEqual(['DOCUMENT_NOT_FOUND']);

    const asGuest = await query(guest.principal, `query($id: ID!) { document(id: $id) { redline revisions { totalCount } } }`, { id });
    expect(asGuest.data!.document).toBeNull();
    expect(asGuest.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await documents.refused(guest.principal, 'documentRevise', { id, description: 'Guest', fields: [{ field: 'fee', value: '3 EUR' }] })).toEqual([
      'DOCUMENT_NOT_FOUND',
    ]);
    expect(await documents.refused(guest.principal, 'documentChangeAccept', { id: change })).toEqual(['DOCUMENT_CHANGE_NOT_FOUND']);

    // Nothing of theirs changed anything.
    expect(await read(id, 'content revisionCount')).toEqual({ content: expect.stringContaining('>1 EUR<'), revisionCount: 2 });
    const entities = await query(owner.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id revisionCount } } }', {
      r: [{ __typename: 'Document', id }],
    });
    expect(entities.data!._entities).toEqual([{ id, revisionCount: 2 }]);
  });
});
