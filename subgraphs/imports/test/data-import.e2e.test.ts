import { jobQueueName, parseGlobalId, toGlobalId, uuidv7 } from '@cellgraph/kernel';
import { outboxEvents, TEST_REDIS_URL, waitFor, withClient } from '@cellgraph/kernel/testing';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// Imports through the gateway of cell `all`: files uploaded to the real S3-compatible store the
// test run started, read by the imports module as the caller, rows created by crm's and tasks'
// own mutations in a BullMQ job acting for the user, progress pushed over `dataImportChanged`.

let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Importer');
  stranger = await cell.signUp('Stranger');
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

async function upload(who: TestUser, name: string, contentType: string, body: Buffer): Promise<string> {
  const begun = (
    await data(
      who,
      'mutation($input: FileUploadBeginInput!) { fileUploadBegin(input: $input) { upload { id url method headers { name value } } userErrors { code } } }',
      { input: { name, contentType, size: body.byteLength } },
    )
  ).fileUploadBegin;
  expect(begun.userErrors).toEqual([]);
  const { upload } = begun as { upload: { id: string; url: string; method: string; headers: { name: string; value: string }[] } };
  const sent = await fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body });
  expect(sent.status).toBe(200);
  const done = (
    await data(who, 'mutation($input: FileUploadCompleteInput!) { fileUploadComplete(input: $input) { file { id } userErrors { code } } }', {
      input: { uploadId: upload.id },
    })
  ).fileUploadComplete;
  expect(done.userErrors).toEqual([]);
  return done.file.id as string;
}

const IMPORT = `id type status fileName format headers rowCount processedRows createdRows skippedRows failedRows failureReason
  suggestedMapping { column field } mapping { column field }
  preview { rowNumber values { field value } errors { code field column } }
  reportFile { id name contentType downloadUrl }`;

async function createImport(who: TestUser, type: string, fileId: string) {
  const payload = (
    await data(
      who,
      `mutation($input: DataImportCreateInput!) { dataImportCreate(input: $input) { dataImport { ${IMPORT} } userErrors { code field message } } }`,
      {
        input: { type, fileId, idempotencyKey: `import-${uuidv7()}` },
      },
    )
  ).dataImportCreate;
  expect(payload.userErrors).toEqual([]);
  return payload.dataImport;
}
const mutate = async (who: TestUser, field: string, input: Record<string, unknown>) => {
  const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const payload = (
    await data(who, `mutation($input: ${inputType}!) { ${field}(input: $input) { dataImport { ${IMPORT} } userErrors { code field message } } }`, { input })
  )[field];
  expect(payload.userErrors).toEqual([]);
  return payload.dataImport;
};
const readImport = async (who: TestUser, id: string) => (await data(who, `query($id: ID!) { dataImport(id: $id) { ${IMPORT} } }`, { id })).dataImport;
async function finished(who: TestUser, id: string) {
  let dataImport: { status: string } | null = null;
  await waitFor(async () => ['COMPLETED', 'FAILED'].includes((dataImport = await readImport(who, id))!.status), `import ${id} to finish`, 120_000);
  return dataImport as unknown as Record<string, unknown> & { reportFile: { downloadUrl: string; name: string; contentType: string } | null };
}

describe('importing contacts from a CSV', () => {
  it('suggests a mapping, previews row errors, creates, skips the duplicate e-mail, fails the invalid row, pushes progress, and reports', async () => {
    const existing = (
      await data(
        owner,
        'mutation { contactCreate(input: { firstName: "Grace", lastName: "Hopper", email: "grace@navy.test" }) { contact { id } userErrors { code } } }',
      )
    ).contactCreate;
    expect(existing.userErrors).toEqual([]);

    // Semicolons, a byte order mark, a quoted cell with a newline, an accented header and a formula-like note.
    const csv =
      '\ufeffVorname;Nachname;E-Mail;Firma;Notizen\r\n' +
      'Ada;Lovelace;ada@engine.test;"Analytical\nEngines";first\r\n' +
      'Grace;Hopper;GRACE@navy.test;Navy;duplicate\r\n' +
      'Bad;Row;not-an-address;;=1+1\r\n' +
      'Alan;Turing;alan@bletchley.test;"Bletchley; Park";\r\n';
    const fileId = await upload(owner, 'contacts.csv', 'text/csv', Buffer.from(csv, 'utf8'));

    const dataImport = await createImport(owner, 'Contact', fileId);
    expect(dataImport).toMatchObject({
      type: 'Contact',
      status: 'UPLOADED',
      fileName: 'contacts.csv',
      format: 'CSV',
      headers: ['Vorname', 'Nachname', 'E-Mail', 'Firma', 'Notizen'],
      rowCount: 4,
      mapping: [],
    });
    expect(dataImport.suggestedMapping).toEqual([
      { column: 'Vorname', field: 'firstName' },
      { column: 'Nachname', field: 'lastName' },
      { column: 'E-Mail', field: 'email' },
      { column: 'Firma', field: 'company' },
    ]);
    expect(dataImport.preview[0].values).toContainEqual({ field: 'company', value: 'Analytical\nEngines' });
    expect(dataImport.preview.map((row: { errors: { code: string }[] }) => row.errors.map((error) => error.code))).toEqual([
      [],
      [],
      ['DATA_IMPORT_INVALID_EMAIL'],
      [],
    ]);

    const mapped = await mutate(owner, 'dataImportMap', { id: dataImport.id, mapping: dataImport.suggestedMapping });
    expect(mapped.status).toBe('MAPPED');

    const client = liveClient(cell.gatewayUrl, owner.token);
    const live = subscribe(
      client,
      'subscription($id: ID!) { dataImportChanged(id: $id) { event dataImportId dataImport { status processedRows createdRows } } }',
      {
        id: dataImport.id,
      },
    );
    try {
      while (cell.gateway.liveStats().subscriptions < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      const started = await mutate(owner, 'dataImportStart', { id: dataImport.id });
      expect(started.status).toBe('RUNNING');
      const done = await finished(owner, dataImport.id);
      expect(done).toMatchObject({ status: 'COMPLETED', processedRows: 4, createdRows: 2, skippedRows: 1, failedRows: 1, failureReason: null });

      // Progress came over the subscription: once per batch (one batch here), then the outcome.
      const events: string[] = [];
      while (!events.includes('data_import.completed')) {
        const payload = await live.next();
        expect(payload.errors).toBeUndefined();
        const change = payload.data!.dataImportChanged as { event: string; dataImportId: string; dataImport: { status: string; processedRows: number } };
        expect(change.dataImportId).toBe(dataImport.id);
        events.push(change.event);
        if (change.event === 'data_import.progressed') expect(change.dataImport.processedRows).toBe(4);
      }
      expect(events).toContain('data_import.progressed');
    } finally {
      live.close();
      await client.dispose();
    }

    const contacts = (await data(owner, '{ contacts(first: 50, orderBy: [{ field: CREATED_AT }]) { totalCount nodes { firstName email company } } }')).contacts;
    expect(contacts.totalCount).toBe(3);
    expect(contacts.nodes).toEqual(
      expect.arrayContaining([
        { firstName: 'Ada', email: 'ada@engine.test', company: 'Analytical\nEngines' },
        { firstName: 'Alan', email: 'alan@bletchley.test', company: 'Bletchley; Park' },
      ]),
    );

    // The report: the skipped and the failed row, with their errors, downloadable through files.
    const done = await readImport(owner, dataImport.id);
    expect(done.reportFile).toMatchObject({ contentType: 'text/csv', name: 'contacts - skipped and failed rows.csv' });
    const report = (await (await fetch(done.reportFile.downloadUrl)).text()).replace(/^\ufeff/, '');
    const lines = report.trim().split('\r\n');
    expect(lines[0]).toBe('Row,Outcome,Errors,Vorname,Nachname,E-Mail,Firma,Notizen');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,skipped,"?CONTACT_DUPLICATE_EMAIL: .*,Grace,Hopper,GRACE@navy\.test,Navy,duplicate$/);
    // A spreadsheet opening the report shows the note instead of running it.
    expect(lines[2]).toMatch(/^3,failed,"?DATA_IMPORT_INVALID_EMAIL: .*not-an-address.*,Bad,Row,not-an-address,,'=1\+1$/);

    // The job's events are the importing user's, as the request's were.
    const jobEvents = (await outboxEvents(cell.database.url, 'imports', parseGlobalId(dataImport.id)!.uuid)).filter((event) =>
      ['data_import.progressed', 'data_import.completed'].includes(event.type),
    );
    expect(jobEvents.length).toBeGreaterThanOrEqual(2);
    expect(jobEvents.map((event) => event.actor_id)).toEqual(jobEvents.map(() => parseGlobalId(owner.userId)!.uuid));

    // Run the job again as after a crash (every row pending again): the rows' idempotency keys
    // make the module answer the contacts it already created — none is created twice.
    const uuid = parseGlobalId(dataImport.id)!.uuid;
    await withClient(cell.database.url, async (db) => {
      await db.query(`UPDATE imports.data_import_rows SET outcome = 'PENDING', errors = '[]', result_id = NULL WHERE import_id = $1`, [uuid]);
      await db.query(`UPDATE imports.data_imports SET status = 'RUNNING', finished_at = NULL WHERE id = $1`, [uuid]);
    });
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(jobQueueName('imports'), { connection: redis, prefix: cell.keyPrefix });
    try {
      const first = await queue.getJob(`data-import-${uuid}`);
      expect(first?.data).toMatchObject({ importId: uuid });
      await queue.add(first!.name, first!.data, { jobId: `data-import-${uuid}-again` });
      await waitFor(async () => (await readImport(owner, dataImport.id)).status === 'COMPLETED', 'the import run again', 120_000);
    } finally {
      await queue.close();
      redis.disconnect();
    }
    expect(await readImport(owner, dataImport.id)).toMatchObject({ createdRows: 2, skippedRows: 1, failedRows: 1, reportFile: { id: done.reportFile.id } });
    expect((await data(owner, '{ contacts { totalCount } }')).contacts.totalCount).toBe(3);
  }, 240_000);

  it('keeps another organization out: it cannot import from the file, nor see, map, start or cancel the import', async () => {
    const fileId = await upload(owner, 'private.csv', 'text/csv', Buffer.from('Name,E-Mail\nX,x@example.test\n'));
    const mine = await createImport(owner, 'Contact', fileId);
    const theirs = (
      await data(stranger, 'mutation($input: DataImportCreateInput!) { dataImportCreate(input: $input) { dataImport { id } userErrors { code } } }', {
        input: { type: 'Contact', fileId },
      })
    ).dataImportCreate;
    expect(theirs).toEqual({ dataImport: null, userErrors: [{ code: 'DATA_IMPORT_FILE_NOT_FOUND' }] });
    expect((await cell.gql('query($id: ID!) { dataImport(id: $id) { id } }', { id: mine.id }, stranger.token)).data!.dataImport).toBeNull();
    for (const field of ['dataImportStart', 'dataImportCancel']) {
      const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
      const answer = await data(stranger, `mutation($input: ${inputType}!) { ${field}(input: $input) { userErrors { code } } }`, { input: { id: mine.id } });
      expect(answer[field].userErrors).toEqual([{ code: 'DATA_IMPORT_NOT_FOUND' }]);
    }
    // Not a spreadsheet: refused before anything is stored.
    const text = await upload(owner, 'notes.txt', 'text/plain', Buffer.from('hello'));
    const refused = (
      await data(owner, 'mutation($input: DataImportCreateInput!) { dataImportCreate(input: $input) { userErrors { code } } }', {
        input: { type: 'Contact', fileId: text },
      })
    ).dataImportCreate;
    expect(refused.userErrors).toEqual([{ code: 'DATA_IMPORT_UNSUPPORTED_FILE' }]);
  }, 120_000);
});

describe('who may create the rows', () => {
  it('is the owning module’s decision, row by row: an API key without crm:write imports, but every row is denied', async () => {
    const key = (
      await data(owner, 'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey userErrors { code } } }', {
        input: { name: 'Importer without crm', scopes: ['imports:read', 'imports:write', 'files:read', 'files:write'] },
      })
    ).apiKeyCreate;
    expect(key.userErrors).toEqual([]);
    const asKey = { ...owner, token: key.plainKey as string };
    const fileId = await upload(asKey, 'keyed.csv', 'text/csv', Buffer.from('First name,Last name\nKey,Holder\nOther,Holder\n'));
    const dataImport = await createImport(asKey, 'Contact', fileId);
    await mutate(asKey, 'dataImportMap', { id: dataImport.id, mapping: dataImport.suggestedMapping });
    await mutate(asKey, 'dataImportStart', { id: dataImport.id });
    const done = await finished(asKey, dataImport.id);
    expect(done).toMatchObject({ status: 'COMPLETED', createdRows: 0, skippedRows: 0, failedRows: 2 });
    const report = await (await fetch(done.reportFile!.downloadUrl)).text();
    expect(report.match(/DATA_IMPORT_ROW_DENIED/g)).toHaveLength(2);
    const contacts = (await data(owner, '{ contacts(filter: { lastName: { eq: "Holder" } }) { totalCount } }')).contacts;
    expect(contacts.totalCount).toBe(0);
  }, 180_000);
});

describe('importing tasks from an XLSX', () => {
  it('reads the first sheet (dates, numbers, formulas), creates the valid rows through taskCreate and fails the invalid one', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tasks');
    sheet.addRow(['Title', 'Priorität', 'Due', 'Points']);
    sheet.addRow(['Write the spec', 'high', new Date('2026-03-01T09:30:00Z'), 3]);
    sheet.addRow(['Review', 'Low', new Date('2026-03-02T00:00:00Z'), { formula: '1+1', result: 2 }]);
    sheet.addRow(['Chase', 'whenever', null, 1]);
    workbook.addWorksheet('Ignored').addRow(['Title']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const fileId = await upload(owner, 'tasks.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);

    const dataImport = await createImport(owner, 'Task', fileId);
    expect(dataImport).toMatchObject({ format: 'XLSX', headers: ['Title', 'Priorität', 'Due', 'Points'], rowCount: 3 });
    expect(dataImport.suggestedMapping).toEqual([
      { column: 'Title', field: 'title' },
      { column: 'Priorität', field: 'priority' },
      { column: 'Due', field: 'dueDate' },
      { column: 'Points', field: 'storyPoints' },
    ]);
    expect(dataImport.preview[0].values).toEqual([
      { field: 'title', value: 'Write the spec' },
      { field: 'priority', value: 'HIGH' },
      { field: 'dueDate', value: '2026-03-01T09:30:00.000Z' },
      { field: 'storyPoints', value: '3' },
    ]);
    expect(dataImport.preview[2].errors).toEqual([{ code: 'DATA_IMPORT_INVALID_ENUM', field: 'priority', column: 'Priorität' }]);

    await mutate(owner, 'dataImportMap', { id: dataImport.id, mapping: dataImport.suggestedMapping });
    await mutate(owner, 'dataImportStart', { id: dataImport.id });
    expect(await finished(owner, dataImport.id)).toMatchObject({ status: 'COMPLETED', createdRows: 2, skippedRows: 0, failedRows: 1 });
    const tasks = (await data(owner, '{ tasks(first: 50) { nodes { title priority dueDate storyPoints } } }')).tasks.nodes;
    expect(tasks).toEqual(
      expect.arrayContaining([
        { title: 'Write the spec', priority: 'HIGH', dueDate: '2026-03-01T09:30:00.000Z', storyPoints: 3 },
        { title: 'Review', priority: 'LOW', dueDate: '2026-03-02T00:00:00.000Z', storyPoints: 2 },
      ]),
    );
    expect(tasks.map((task: { title: string }) => task.title)).not.toContain('Chase');
  }, 180_000);
});

describe('importing deals', () => {
  it('creates deals for existing contacts, and reports the module’s refusal of an unknown contact', async () => {
    const contact = (await data(owner, 'mutation { contactCreate(input: { company: "Dealer Inc" }) { contact { id } userErrors { code } } }')).contactCreate
      .contact.id as string;
    const pipeline = (await data(owner, 'mutation { pipelineCreate(input: { name: "Sales" }) { pipeline { id } userErrors { code } } }')).pipelineCreate
      .pipeline.id as string;
    const unknown = toGlobalId('Contact', uuidv7());
    const csv = `Deal name,Contact,Amount,Close date,Pipeline\nBig one,${contact},"1.234,50",31.12.2026,${pipeline}\nGhost,${unknown},10,,${pipeline}\nNo contact,,5,,${pipeline}\n`;
    const fileId = await upload(owner, 'deals.csv', 'text/csv', Buffer.from(csv));
    const dataImport = await createImport(owner, 'Deal', fileId);
    expect(dataImport.suggestedMapping).toEqual([
      { column: 'Deal name', field: 'title' },
      { column: 'Contact', field: 'contactId' },
      { column: 'Amount', field: 'value' },
      { column: 'Close date', field: 'expectedCloseDate' },
      { column: 'Pipeline', field: 'pipelineId' },
    ]);
    expect(dataImport.preview[2].errors).toEqual([{ code: 'DATA_IMPORT_VALUE_REQUIRED', field: 'contactId', column: 'Contact' }]);
    await mutate(owner, 'dataImportMap', { id: dataImport.id, mapping: dataImport.suggestedMapping });
    await mutate(owner, 'dataImportStart', { id: dataImport.id });
    const done = await finished(owner, dataImport.id);
    expect(done).toMatchObject({ status: 'COMPLETED', createdRows: 1, skippedRows: 0, failedRows: 2 });
    const deals = (await data(owner, '{ deals(first: 10) { nodes { title value { amount } expectedCloseDate contact { id } } } }')).deals.nodes;
    expect(deals).toEqual([{ title: 'Big one', value: { amount: '1234.50' }, expectedCloseDate: '2026-12-31', contact: { id: contact } }]);
    const report = await (await fetch(done.reportFile!.downloadUrl)).text();
    expect(report).toMatch(/\r\n2,failed,"?CONTACT_NOT_FOUND: .*,Ghost,/);
    expect(report).toContain('DATA_IMPORT_VALUE_REQUIRED');
  }, 180_000);
});
