import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsSubgraph } from '../src/index.js';

// The exports subgraph alone (real Postgres and Redis, no gateway): who sees which export, the
// query's checks, cancel, `_entities`. Running exports through a whole cell: data-export.e2e.test.ts.

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const exportsApi = mutationsOf(() => harness, 'exports');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([exportsSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('exports', text, variables, principal);
const FIELDS = 'id name format state query variables columns rowsExported file { id } downloadUrl error { code message } createdBy { id }';
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { dataExport(id: $id) { ${FIELDS} } }`, { id })).data?.dataExport;
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on DataExport { id name state } } }';
const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });

/** An export as its job leaves it (the job needs a gateway: see the e2e test), written as the database owner. */
async function seeded(who: TestMember, name: string, state = 'SUCCEEDED'): Promise<string> {
  const id = uuidv7();
  await withClient(database.url, (client) =>
    client.query(
      `INSERT INTO exports.data_exports (id, org_id, name, format, state, query, variables, columns, rows_exported, error_code, error_detail, created_by)
       VALUES ($1, $2, $3, 'CSV', $4, '{ tasks { nodes { title } } }', '{"filter":{}}', '{title}', 3, $5, $6, $7)`,
      [id, who.orgId, name, state, state === 'FAILED' ? 'EXPORT_QUERY_REJECTED' : null, state === 'FAILED' ? 'FORBIDDEN: no' : null, who.userId],
    ),
  );
  return toGlobalId('DataExport', id);
}

describe('data exports', () => {
  it('are read by their creator with their columns, state and coded error', async () => {
    const id = await seeded(member, 'Failed one', 'FAILED');
    expect(await read(id)).toEqual({
      id,
      name: 'Failed one',
      format: 'CSV',
      state: 'FAILED',
      query: '{ tasks { nodes { title } } }',
      variables: { filter: {} },
      columns: ['title'],
      rowsExported: 3,
      file: null,
      downloadUrl: null,
      error: { code: 'EXPORT_QUERY_REJECTED', message: 'The graph refused the export’s query: FORBIDDEN: no' },
      createdBy: { id: member.globalUserId },
    });
    const listed = await query(member.principal, `query($id: ID!) { dataExports(filter: { id: { eq: $id } }) { totalCount nodes { id } } }`, { id });
    expect(listed.data!.dataExports).toEqual({ totalCount: 1, nodes: [{ id }] });
  });

  it('are canceled while queued or running, once, with their event', async () => {
    const id = await seeded(member, 'Long one', 'RUNNING');
    const canceled = (await exportsApi.mutate(member.principal, 'dataExportCancel', { id }, 'dataExport { state }')).dataExport;
    expect(canceled).toEqual({ state: 'CANCELED' });
    expect(await exportsApi.refused(member.principal, 'dataExportCancel', { id })).toEqual(['DATA_EXPORT_NOT_CANCELABLE']);
    const uuid = (await withClient(database.url, (client) => client.query<{ id: string }>('SELECT id FROM exports.data_exports WHERE name = $1', ['Long one'])))
      .rows[0]!.id;
    const events = await outboxEvents(database.url, 'exports', uuid);
    expect(events.map((event) => event.type)).toEqual(['data_export.canceled']);
    expect(events[0]).toMatchObject({ actor_id: member.userId, data: { state: 'CANCELED', rowsExported: 3 } });
  });

  it('refuse a query an export cannot run, with coded user errors naming input.query', async () => {
    const refused = async (input: Record<string, unknown>) => {
      const result = await query(
        member.principal,
        'mutation($input: DataExportCreateInput!) { dataExportCreate(input: $input) { userErrors { code field } } }',
        {
          input: { format: 'CSV', ...input },
        },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.dataExportCreate.userErrors;
    };
    const invalid = [{ code: 'EXPORT_QUERY_INVALID', field: ['input', 'query'] }];
    expect(await refused({ query: '{ tasks { nodes { title }' })).toEqual(invalid);
    expect(await refused({ query: 'mutation { taskCreate(input: {}) { task { id } } }' })).toEqual(invalid);
    expect(await refused({ query: 'query A { tasks { nodes { id } } } query B { tasks { nodes { id } } }' })).toEqual(invalid);
    expect(await refused({ query: '{ tasks { nodes { id } } contacts { nodes { id } } }' })).toEqual(invalid);
    expect(await refused({ query: '{ tasks(first: 10) { nodes { id } } }' })).toEqual(invalid);
    expect(await refused({ query: '{ tasks { totalCount } }' })).toEqual(invalid);
    expect(await refused({ query: '{ me { id } }' })).toEqual(invalid);
    expect(await refused({ query: 'query($exportPageFirst: Int) { tasks { nodes { id } } }' })).toEqual(invalid);
    expect(await refused({ query: ' ' })).toEqual([{ code: 'DATA_EXPORT_INVALID_INPUT', field: ['input', 'query'] }]);
  });
});

describe('_entities', () => {
  it('resolves an export by reference for its creator; null for an unknown id or another organization’s, FORBIDDEN for a colleague’s', async () => {
    const mine = await seeded(member, 'Referenced');
    const theirs = await seeded(stranger, 'Theirs');
    const colleagues = await seeded(owner, 'The owner’s');
    const representations = [mine, toGlobalId('DataExport', uuidv7()), theirs, colleagues].map((id) => ({ __typename: 'DataExport', id }));
    const result = await query(member.principal, ENTITIES, { r: representations });
    expect(result.data!._entities).toEqual([{ id: mine, name: 'Referenced', state: 'SUCCEEDED' }, null, null, null]);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing or canceling an export', async () => {
    const id = await seeded(member, 'Private', 'QUEUED');
    expect(await read(id, stranger)).toBeNull();
    const listed = await query(stranger.principal, 'query($id: ID!) { dataExports(filter: { id: { eq: $id } }) { totalCount } }', { id });
    expect(listed.data!.dataExports.totalCount).toBe(0);
    expect(await exportsApi.refused(stranger.principal, 'dataExportCancel', { id })).toEqual(['DATA_EXPORT_NOT_FOUND']);
    expect(await read(id)).toMatchObject({ id, state: 'QUEUED' });
  });
});

describe('permissions', () => {
  it('shows an export to its creator only — not to the organization’s owner — and lets only them cancel it', async () => {
    const id = await seeded(member, 'Personal', 'QUEUED');
    const answer = await query(owner.principal, `query($id: ID!) { dataExport(id: $id) { id } }`, { id });
    expect(answer.data!.dataExport).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await query(owner.principal, `query($id: ID!) { dataExports(filter: { id: { eq: $id } }) { totalCount } }`, { id });
    expect(listed.data!.dataExports.totalCount).toBe(0);
    expect(await exportsApi.refused(owner.principal, 'dataExportCancel', { id })).toEqual(['DATA_EXPORT_NOT_FOUND']);
  });

  it('refuses a guest to export (FORBIDDEN)', async () => {
    const created = await query(
      guest.principal,
      'mutation { dataExportCreate(input: { query: "{ tasks { nodes { id } } }", format: CSV }) { dataExport { id } } }',
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an API key act within its scopes only', async () => {
    const id = await seeded(member, 'Keyed');
    expect((await query(apiKey(['exports:read']), `query($id: ID!) { dataExport(id: $id) { id } }`, { id })).data!.dataExport).toEqual({ id });
    const write = await query(
      apiKey(['exports:read']),
      'mutation { dataExportCreate(input: { query: "{ tasks { nodes { id } } }", format: CSV }) { dataExport { id } } }',
    );
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'exports:write' });
    const other = await query(apiKey(['tasks:read']), '{ dataExports { totalCount } }');
    expect(other.data?.dataExports ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'exports:read' });
  });
});
