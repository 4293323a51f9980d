import { toGlobalId, uuidv7, type PublishedEvent, type SearchDocumentChanged } from '@cellgraph/kernel';
import { createTestDatabase, startTestSubgraphs, testMember, withClient, type SubgraphHarness, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSubgraph } from '../src/index.js';
import type { SearchServices } from '../src/services.js';

let database: TestDatabase;
let harness: SubgraphHarness;
let services: SearchServices;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([searchSubgraph], { databaseUrl: database.url });
  services = harness.servers[0]!.services as SearchServices;
  orgId = (await testMember(database.url, 'owner')).orgId;
  otherOrgId = (await testMember(database.url, 'owner')).orgId;
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const event = (org = orgId): PublishedEvent => ({
  id: uuidv7(),
  type: 'search.document_changed',
  orgId: org,
  actorId: null,
  subject: null,
  data: {},
  requestId: null,
  occurredAt: new Date().toISOString(),
});
const document = (id: string, version: string, changes: Partial<SearchDocumentChanged> = {}): SearchDocumentChanged => ({
  id,
  type: 'Task',
  module: 'tasks',
  title: 'A title',
  body: '',
  deleted: false,
  version,
  ...changes,
});
const stored = (id: string) =>
  withClient(database.url, async (client) => (await client.query('SELECT title, deleted, removed, version FROM search.documents WHERE id = $1', [id])).rows[0]);

describe('the index projection', () => {
  it('keeps the newest version whatever the order and the duplicates', async () => {
    const id = toGlobalId('Task', uuidv7());
    const [v1, v2, v3] = [uuidv7(), uuidv7(), uuidv7()];
    await services.documents.changed(event(), document(id, v2, { title: 'Second' }));
    await services.documents.changed(event(), document(id, v1, { title: 'First' }));
    expect(await stored(id)).toMatchObject({ title: 'Second', version: v2 });
    await services.documents.changed(event(), document(id, v3, { title: 'Third' }));
    await services.documents.changed(event(), document(id, v3, { title: 'Third' }));
    await services.documents.changed(event(), document(id, v2, { title: 'Second' }));
    expect(await stored(id)).toMatchObject({ title: 'Third', version: v3 });
  });

  it('hides a deleted document until it is restored, and forgets a purged one for good', async () => {
    const id = toGlobalId('Task', uuidv7());
    const [created, deleted, restored, purged] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    await services.documents.changed(event(), document(id, created, { title: 'Kept' }));
    await services.documents.changed(event(), document(id, deleted, { title: 'Kept', deleted: true }));
    expect(await stored(id)).toMatchObject({ deleted: true, removed: false });
    await services.documents.changed(event(), document(id, restored, { title: 'Kept' }));
    expect(await stored(id)).toMatchObject({ title: 'Kept', deleted: false });
    await services.documents.removed(event(), { id, type: 'Task', module: 'tasks', version: purged });
    // A late document older than the purge does not bring it back.
    await services.documents.changed(event(), document(id, restored, { title: 'Kept' }));
    expect(await stored(id)).toEqual({ title: '', deleted: false, removed: true, version: purged });
  });

  it('keeps each organization’s documents to itself (row-level security)', async () => {
    const ours = toGlobalId('Task', uuidv7());
    const theirs = toGlobalId('Task', uuidv7());
    await services.documents.changed(event(), document(ours, uuidv7(), { title: 'Isolated ours' }));
    await services.documents.changed(event(otherOrgId), document(theirs, uuidv7(), { title: 'Isolated theirs' }));
    const visible = (org: string) =>
      services.db.transaction({ orgId: org, userId: null }, async (em) =>
        ((await em.query(`SELECT id FROM search.documents WHERE title LIKE 'Isolated%'`)) as { id: string }[]).map((row) => row.id),
      );
    expect(await visible(orgId)).toEqual([ours]);
    expect(await visible(otherOrgId)).toEqual([theirs]);
  });

  it('strips the highlight markers from what it stores', async () => {
    const id = toGlobalId('Task', uuidv7());
    await services.documents.changed(event(), document(id, uuidv7(), { title: 'a\u0002b\u0003c' }));
    expect((await stored(id)).title).toBe('a b c');
  });
});
