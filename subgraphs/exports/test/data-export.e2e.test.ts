import { JobQueue } from '@cellgraph/kernel';
import { TEST_REDIS_URL, waitFor } from '@cellgraph/kernel/testing';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';

// Exports in cell `all` through the gateway: the job acts for the creator (their organization,
// permissions and API-key scopes), pages through the connection (2 rows a page here, so the cursor
// is followed), writes CSV, XLSX or JSON and stores it through files in the test run's S3 store.

let cell: TestCell;
let owner: TestUser;
let member: TestUser;
let stranger: TestUser;

const CREATE = `mutation($input: DataExportCreateInput!) { dataExportCreate(input: $input) {
  dataExport { id state columns } userErrors { code field message } } }`;
const READ = `query($id: ID!) { dataExport(id: $id) {
  id name format state rowsExported columns downloadUrl error { code message } file { id name contentType size } createdBy { id } } }`;
const TASKS = `query Urgent($filter: TaskFilter, $orderBy: [TaskOrder!]) {
  tasks(filter: $filter, orderBy: $orderBy) { nodes { title priority assignee { name } storyPoints } }
}`;
const VARIABLES = { filter: { priority: { eq: 'HIGH' } }, orderBy: [{ field: 'TITLE', direction: 'DESC' }] };
/** The HIGH tasks, by title descending, as the export must list them. */
const EXPECTED = [
  ['Export 5', 'HIGH', '', 5],
  ['Export 4', 'HIGH', 'Owner', 4],
  ['Export 2', 'HIGH', 'Owner', 2],
  ['Export 1', 'HIGH', '', 1],
  ['=Export 0', 'HIGH', 'Owner', 0],
];

beforeAll(async () => {
  cell = await startTestCell({ env: { EXPORT_PAGE_SIZE: '2', EXPORT_PROGRESS_EVERY_ROWS: '2' } });
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  await data(owner, 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }', {
    input: { email: 'member@exports.test', role: 'MEMBER' },
  });
  const { token } = await waitForEmail(cell, 'member@exports.test');
  const accepted = await data(null, 'mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Member', password: TEST_PASSWORD },
  });
  member = { ...owner, token: accepted.invitationAccept.session.accessToken, userId: accepted.invitationAccept.session.user.id, email: 'member@exports.test' };
  // HIGH and LOW tasks; the formula-like title checks that spreadsheets get it as text.
  const tasks = [0, 1, 2, 3, 4, 5, 6].map((n) => ({
    title: n === 0 ? '=Export 0' : `Export ${n}`,
    priority: n === 3 || n === 6 ? 'LOW' : 'HIGH',
    storyPoints: n,
    ...(n % 2 === 0 ? { assigneeId: owner.userId } : {}),
  }));
  for (const input of tasks) await data(owner, 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', { input });
  await data(stranger, 'mutation { taskCreate(input: { title: "Their task", priority: HIGH }) { task { id } } }');
});
afterAll(async () => {
  await cell?.stop();
});

async function data(who: TestUser | null, query: string, variables: Record<string, unknown> = {}, token = who?.token) {
  const result = await cell.gql(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

type Export = {
  id: string;
  state: string;
  rowsExported: number;
  columns: string[];
  downloadUrl: string | null;
  error: { code: string; message: string } | null;
  file: { id: string; name: string; contentType: string; size: number } | null;
  createdBy: { id: string };
};

async function create(who: TestUser, input: Record<string, unknown>, token = who.token): Promise<string> {
  const payload = (await data(who, CREATE, { input }, token)).dataExportCreate;
  expect(payload.userErrors).toEqual([]);
  expect(payload.dataExport.state).toBe('QUEUED');
  return payload.dataExport.id as string;
}

/** Waits until the export finished, and answers it as its creator reads it. */
async function finished(who: TestUser, id: string): Promise<Export> {
  let found: Export | null = null;
  await waitFor(async () => {
    found = (await data(who, READ, { id })).dataExport as Export;
    return ['SUCCEEDED', 'FAILED', 'CANCELED'].includes(found.state);
  }, `export ${id}`);
  return found!;
}

const download = async (dataExport: Export) => {
  const response = await fetch(dataExport.downloadUrl!);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
};

describe('exporting a list', () => {
  it('writes a CSV of the filtered list in its order, over several pages, stored as a File downloadable by its link', async () => {
    const id = await create(owner, { query: TASKS, variables: VARIABLES, format: 'CSV', name: 'High tasks' });
    const done = await finished(owner, id);
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      rowsExported: 5,
      columns: ['title', 'priority', 'assignee.name', 'storyPoints'],
      error: null,
      file: { name: 'High tasks.csv', contentType: 'text/csv' },
      createdBy: { id: owner.userId },
    });
    const csv = await download(done);
    expect(done.file!.size).toBe(csv.length);
    const rows = parseCsv(csv) as string[][];
    expect(rows[0]).toEqual(['title', 'priority', 'assignee.name', 'storyPoints']);
    // A formula-like text is neutralized (') for spreadsheets.
    expect(rows.slice(1)).toEqual(EXPECTED.map(([title, ...rest]) => [title === '=Export 0' ? "'=Export 0" : title, ...rest.map(String)]));
    // The link lasts an hour (the files module's presigned GET, asked for 3600 s).
    expect(new URL(done.downloadUrl!).searchParams.get('X-Amz-Expires')).toBe('3600');
    // The File is the files module's, as the creator uploaded it.
    const file = (await data(owner, 'query($id: ID!) { file(id: $id) { id uploadedBy { id } } }', { id: done.file!.id })).file;
    expect(file).toEqual({ id: done.file!.id, uploadedBy: { id: owner.userId } });
  });

  it('writes an XLSX workbook (read back with exceljs), typed cells and a header row', async () => {
    const done = await finished(owner, await create(owner, { query: TASKS, variables: VARIABLES, format: 'XLSX' }));
    expect(done).toMatchObject({ state: 'SUCCEEDED', rowsExported: 5, file: { name: 'tasks.xlsx' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(done)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['title', 'priority', 'assignee.name', 'storyPoints']);
    // exceljs leaves empty cells out of a row's values.
    expect(values.slice(1).map((row) => [row[0], row[1], row[2] ?? '', row[3]])).toEqual(
      EXPECTED.map(([title, ...rest]) => [title === '=Export 0' ? "'=Export 0" : title, ...rest]),
    );
  });

  it('writes JSON: an array of the nodes as the query selected them, edges { node } as well', async () => {
    const query = `query($filter: TaskFilter, $orderBy: [TaskOrder!]) { tasks(filter: $filter, orderBy: $orderBy) { edges { node { title assignee { name } } } } }`;
    const done = await finished(owner, await create(owner, { query, variables: VARIABLES, format: 'JSON' }));
    expect(done).toMatchObject({ state: 'SUCCEEDED', rowsExported: 5, file: { contentType: 'application/json' } });
    expect(JSON.parse((await download(done)).toString('utf8'))).toEqual(EXPECTED.map(([title, , name]) => ({ title, assignee: name ? { name } : null })));
  });

  it('pushes its progress over dataExportChanged to its creator: started, rows every page (2 here), succeeded', async () => {
    const clients: Client[] = [liveClient(cell.gatewayUrl, owner.token), liveClient(cell.gatewayUrl, member.token)];
    // The job waits until both subscribed: exports' queue is paused meanwhile.
    const jobs = new JobQueue('exports', TEST_REDIS_URL, cell.keyPrefix);
    await jobs.queue.pause();
    try {
      const id = await create(owner, { query: TASKS, format: 'CSV', variables: { filter: {} } });
      const subscription = 'subscription($id: ID!) { dataExportChanged(id: $id) { event rowsExported dataExport { id state } } }';
      const creator = subscribe(clients[0]!, subscription, { id });
      const colleague = subscribe(clients[1]!, subscription, { id });
      await waitFor(() => cell.gateway.liveStats().subscriptions >= 2, 'both subscriptions');
      await jobs.queue.resume();
      const events: { event: string; rowsExported: number; dataExport: { id: string; state: string } }[] = [];
      while (events.at(-1)?.event !== 'data_export.succeeded') {
        const next = await creator.next();
        expect(next.errors).toBeUndefined();
        events.push((next.data as { dataExportChanged: (typeof events)[number] }).dataExportChanged);
      }
      expect(events.map(({ event, rowsExported }) => [event, rowsExported])).toEqual([
        ['data_export.started', 0],
        ['data_export.progressed', 2],
        ['data_export.progressed', 4],
        ['data_export.progressed', 6],
        ['data_export.succeeded', 7],
      ]);
      expect(events.at(-1)!.dataExport).toEqual({ id, state: 'SUCCEEDED' });
      expect((await finished(owner, id)).rowsExported).toBe(7);
      // Another member of the organization hears nothing of it.
      expect(colleague.results).toEqual([]);
    } finally {
      await jobs.queue.resume();
      await jobs.close();
      for (const client of clients) await client.dispose();
    }
  });
});

describe('records', () => {
  it('creates once per idempotency key, and audits what was exported, by whom and how it ended', async () => {
    const input = { query: TASKS, variables: VARIABLES, format: 'CSV', idempotencyKey: 'export-once' };
    const id = await create(owner, input);
    const again = (await data(owner, CREATE, { input })).dataExportCreate;
    expect(again.dataExport.id).toBe(id);
    const done = await finished(owner, id);
    expect(done.state).toBe('SUCCEEDED');

    const ENTRIES = `query($target: ID!) { auditEntries(filter: { target: $target }, first: 10) { nodes { action actor { id } data } } }`;
    type Entry = { action: string; actor: { id: string } | null; data: Record<string, unknown> };
    let entries: Entry[] = [];
    await waitFor(async () => {
      entries = (await data(owner, ENTRIES, { target: id })).auditEntries.nodes as Entry[];
      return entries.some((entry) => entry.action === 'data_export.succeeded');
    }, 'the export’s audit entries');
    const actions = entries.map((entry) => entry.action).sort();
    expect(actions).toEqual(['data_export.created', 'data_export.succeeded']);
    expect(entries.find((entry) => entry.action === 'data_export.created')).toMatchObject({
      actor: { id: owner.userId },
      data: { format: 'CSV', query: TASKS, variables: VARIABLES },
    });
    expect(entries.find((entry) => entry.action === 'data_export.succeeded')).toMatchObject({
      actor: { id: owner.userId },
      data: { rowsExported: 5, fileId: done.file!.id },
    });
  });
});

describe('refusals', () => {
  it('answers a query an export cannot run with a coded user error, and one the graph refuses with a FAILED export', async () => {
    const invalid = (await data(owner, CREATE, { input: { query: '{ tasks(first: 5) { nodes { title } } }', format: 'CSV' } })).dataExportCreate;
    expect(invalid.userErrors).toEqual([{ code: 'EXPORT_QUERY_INVALID', field: ['input', 'query'], message: expect.stringContaining('first') }]);

    const unknown = await finished(owner, await create(owner, { query: '{ tasks { nodes { title noSuchField } } }', format: 'CSV' }));
    expect(unknown).toMatchObject({ state: 'FAILED', file: null, downloadUrl: null, error: { code: 'EXPORT_QUERY_REJECTED' } });
    expect(unknown.error!.message).toContain('noSuchField');
  });

  it('acts with the creator’s permissions: a member exporting the audit log (owners and admins only) fails FORBIDDEN', async () => {
    const query = '{ auditEntries { nodes { action occurredAt } } }';
    expect((await cell.gql(query, {}, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const denied = await finished(member, await create(member, { query, format: 'CSV' }));
    expect(denied).toMatchObject({ state: 'FAILED', rowsExported: 0, file: null, error: { code: 'EXPORT_QUERY_REJECTED' } });
    expect(denied.error!.message).toContain('FORBIDDEN');
    // The owner may: the same query succeeds for them.
    expect(await finished(owner, await create(owner, { query, format: 'JSON' }))).toMatchObject({ state: 'SUCCEEDED' });
  });

  it('acts within an API key’s scopes: without tasks:read the list is refused', async () => {
    const created = (
      await data(owner, 'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey userErrors { code message } } }', {
        input: { name: 'Exporter', scopes: ['exports:read', 'exports:write', 'files:read', 'files:write'] },
      })
    ).apiKeyCreate;
    expect(created.userErrors).toEqual([]);
    const key = created.plainKey as string;
    const denied = await finished(owner, await create(owner, { query: TASKS, format: 'CSV' }, key));
    expect(denied).toMatchObject({ state: 'FAILED', error: { code: 'EXPORT_QUERY_REJECTED' } });
    expect(denied.error!.message).toContain('tasks:read');
  });

  it('keeps another organization out: their export lists their tasks only, and mine is invisible to them', async () => {
    const theirs = await finished(stranger, await create(stranger, { query: TASKS, variables: VARIABLES, format: 'JSON' }));
    expect(theirs.state).toBe('SUCCEEDED');
    expect(JSON.parse((await download(theirs)).toString('utf8'))).toEqual([{ title: 'Their task', priority: 'HIGH', assignee: null, storyPoints: null }]);

    const mine = await create(owner, { query: TASKS, format: 'CSV' });
    const seen = await cell.gql('query($id: ID!) { dataExport(id: $id) { id } }', { id: mine }, stranger.token);
    expect(seen.data?.dataExport ?? null).toBeNull();
    const canceled = await data(stranger, 'mutation($input: DataExportCancelInput!) { dataExportCancel(input: $input) { userErrors { code } } }', {
      input: { id: mine },
    });
    expect(canceled.dataExportCancel.userErrors).toEqual([{ code: 'DATA_EXPORT_NOT_FOUND' }]);
    // …and the creator reads it, once it has run (a job still running when the cell stops would retry against a stopped gateway).
    expect((await finished(owner, mine)).state).toBe('SUCCEEDED');
  });
});
