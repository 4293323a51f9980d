import { cellImporters, CELL_IMPORTERS, toGlobalId, uuidv7, type ImporterDeclaration, type Principal } from '@cellgraph/kernel';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importsSubgraph } from '../src/index.js';

// The imports subgraph alone (real Postgres and Redis): mapping, preview, transitions, tenancy,
// `_entities` and permissions. Reading files and running the job need the whole cell: see
// data-import.e2e.test.ts. Imports learn the cell's importers from CELL_IMPORTERS, as in a cell.

const label = (id: string, en: string, de = en) => ({ id: `test.${id}`, translations: { en, de } });
const contactImporter: ImporterDeclaration = {
  type: 'Contact',
  label: label('contacts', 'Contacts', 'Kontakte'),
  mutation: 'contactCreate',
  inputType: 'ContactCreateInput',
  resultField: 'contact',
  duplicateOf: 'CONTACT_DUPLICATE_EMAIL',
  fields: [
    { name: 'firstName', label: label('firstName', 'First name', 'Vorname'), kind: 'string' },
    { name: 'lastName', label: label('lastName', 'Last name', 'Nachname'), kind: 'string', required: true },
    { name: 'email', label: label('email', 'E-mail', 'E-Mail'), kind: 'email', aliases: ['Mail', 'E-Mail-Adresse'] },
    { name: 'type', label: label('type', 'Type', 'Typ'), kind: 'enum', values: ['LEAD', 'CLIENT'] },
    { name: 'score', label: label('score', 'Score'), kind: 'integer' },
    { name: 'since', label: label('since', 'Customer since', 'Kunde seit'), kind: 'date' },
  ],
};

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const imports = mutationsOf(() => harness, 'imports');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([importsSubgraph], {
    databaseUrl: database.url,
    env: { [CELL_IMPORTERS]: JSON.stringify(cellImporters([{ name: 'crm', importers: [contactImporter] }])) },
  });
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

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('imports', text, variables, principal);

const HEADERS = ['Vorname', 'Nachname', 'E-Mail-Adresse', 'Mail', 'Notes', 'Type', 'Score', 'Kunde seit'];
const ROWS = [
  ['Ada', 'Lovelace', 'ada@example.test', '', 'first', 'client', '3', '2024-02-29'],
  ['Bob', '', 'not-an-address', '', '', 'prospect', '2.5', '31.02.2024'],
  ['Cy', 'Young', '', '', '', 'Lead', '', '01.03.2024'],
];

/** A data import as dataImportCreate leaves it (UPLOADED, its rows stored), written directly: reading a file needs the cell's files. */
async function seedImport(who: TestMember, rows: string[][] = ROWS, headers: string[] = HEADERS): Promise<string> {
  const id = uuidv7();
  await withClient(database.url, async (client) => {
    await client.query(
      `INSERT INTO imports.data_imports (id, org_id, type, status, file_id, file_name, format, headers, row_count, created_by)
       VALUES ($1, $2, 'Contact', 'UPLOADED', $3, 'people.csv', 'CSV', $4::jsonb, $5, $6)`,
      [id, who.orgId, toGlobalId('File', uuidv7()), JSON.stringify(headers), rows.length, who.userId],
    );
    for (const [index, cells] of rows.entries())
      await client.query(`INSERT INTO imports.data_import_rows (import_id, row_number, org_id, cells) VALUES ($1, $2, $3, $4::jsonb)`, [
        id,
        index + 1,
        who.orgId,
        JSON.stringify(cells),
      ]);
  });
  return toGlobalId('DataImport', id);
}

const DETAILS = `id type status fileName format headers rowCount
  suggestedMapping { column field } mapping { column field }
  preview { rowNumber values { field value } errors { code field column message } }`;
const read = async (id: string, who: TestMember = member) =>
  (await query(who.principal, `query($id: ID!) { dataImport(id: $id) { ${DETAILS} } }`, { id })).data?.dataImport;

describe('data imports', () => {
  it('lists the types the cell can import, with their fields', async () => {
    const answer = await query(member.principal, '{ dataImportTypes { type label module fields { name label kind required values } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.dataImportTypes).toEqual([
      {
        type: 'Contact',
        label: 'Contacts',
        module: 'crm',
        fields: expect.arrayContaining([
          { name: 'lastName', label: 'Last name', kind: 'STRING', required: true, values: [] },
          { name: 'type', label: 'Type', kind: 'ENUM', required: false, values: ['LEAD', 'CLIENT'] },
        ]),
      },
    ]);
  });

  it('suggests a mapping by name, label (any language) and alias, ignoring case and accents, each field once', async () => {
    const id = await seedImport(member);
    const dataImport = await read(id);
    expect(dataImport).toMatchObject({
      type: 'Contact',
      status: 'UPLOADED',
      fileName: 'people.csv',
      format: 'CSV',
      headers: HEADERS,
      rowCount: 3,
      mapping: [],
    });
    expect(dataImport.suggestedMapping).toEqual([
      { column: 'Vorname', field: 'firstName' },
      { column: 'Nachname', field: 'lastName' },
      { column: 'E-Mail-Adresse', field: 'email' },
      { column: 'Type', field: 'type' },
      { column: 'Score', field: 'score' },
      { column: 'Kunde seit', field: 'since' },
    ]);
  });

  it('previews the rows converted by the mapping, with coded errors per row', async () => {
    const id = await seedImport(member);
    const [ada, bob, cy] = (await read(id)).preview;
    expect(ada).toEqual({
      rowNumber: 1,
      values: [
        { field: 'firstName', value: 'Ada' },
        { field: 'lastName', value: 'Lovelace' },
        { field: 'email', value: 'ada@example.test' },
        { field: 'type', value: 'CLIENT' },
        { field: 'score', value: '3' },
        { field: 'since', value: '2024-02-29' },
      ],
      errors: [],
    });
    expect(bob.errors.map((error: { code: string; field: string; column: string }) => [error.code, error.field, error.column])).toEqual([
      ['DATA_IMPORT_VALUE_REQUIRED', 'lastName', 'Nachname'],
      ['DATA_IMPORT_INVALID_EMAIL', 'email', 'E-Mail-Adresse'],
      ['DATA_IMPORT_INVALID_ENUM', 'type', 'Type'],
      ['DATA_IMPORT_INVALID_INTEGER', 'score', 'Score'],
      ['DATA_IMPORT_INVALID_DATE', 'since', 'Kunde seit'],
    ]);
    expect(bob.errors[1].message).toBe('“not-an-address” is not an e-mail address');
    expect(cy).toMatchObject({
      errors: [],
      values: expect.arrayContaining([
        { field: 'type', value: 'LEAD' },
        { field: 'since', value: '2024-03-01' },
      ]),
    });
  });

  it('maps columns to fields (refusing unknown columns and fields, a field twice, a required field left out), then previews by that mapping', async () => {
    const id = await seedImport(member);
    const refused = await query(
      member.principal,
      `mutation($input: DataImportMapInput!) { dataImportMap(input: $input) { dataImport { id } userErrors { code field } } }`,
      {
        input: {
          id,
          mapping: [
            { column: 'Nope', field: 'firstName' },
            { column: 'Mail', field: 'shoeSize' },
            { column: 'Vorname', field: 'firstName' },
          ],
        },
      },
    );
    expect(refused.data!.dataImportMap.userErrors).toEqual([
      { code: 'DATA_IMPORT_UNKNOWN_COLUMN', field: ['input', 'mapping', '0', 'column'] },
      { code: 'DATA_IMPORT_UNKNOWN_FIELD', field: ['input', 'mapping', '1', 'field'] },
      { code: 'DATA_IMPORT_FIELD_MAPPED_TWICE', field: ['input', 'mapping', '2', 'field'] },
      { code: 'DATA_IMPORT_REQUIRED_FIELD_UNMAPPED', field: ['input', 'mapping'] },
    ]);
    const mapping = [
      { column: 'Nachname', field: 'lastName' },
      { column: 'Mail', field: 'email' },
    ];
    const mapped = (await imports.mutate(member.principal, 'dataImportMap', { id, mapping }, `dataImport { status mapping { column field } }`)).dataImport;
    expect(mapped).toEqual({ status: 'MAPPED', mapping });
    const preview = (await read(id)).preview;
    expect(preview[0]).toEqual({ rowNumber: 1, values: [{ field: 'lastName', value: 'Lovelace' }], errors: [] });
    expect(preview[1].errors.map((error: { code: string }) => error.code)).toEqual(['DATA_IMPORT_VALUE_REQUIRED']);
    const events = await outboxEvents(database.url, 'imports', uuidOf(id));
    expect(events.map((event) => event.type)).toEqual(['data_import.mapped']);
    expect(events[0]).toMatchObject({ actor_id: member.userId, data: { mapping } });
  });

  it('starts only once mapped, cancels before the start, and then no longer maps', async () => {
    const id = await seedImport(member);
    expect(await imports.refused(member.principal, 'dataImportStart', { id })).toEqual(['DATA_IMPORT_NOT_MAPPED']);
    expect((await imports.mutate(member.principal, 'dataImportCancel', { id }, 'dataImport { status finishedAt }')).dataImport).toEqual({
      status: 'CANCELED',
      finishedAt: expect.any(String),
    });
    expect(await imports.refused(member.principal, 'dataImportMap', { id, mapping: [{ column: 'Nachname', field: 'lastName' }] })).toEqual([
      'DATA_IMPORT_INVALID_TRANSITION',
    ]);
    expect(await imports.refused(member.principal, 'dataImportCancel', { id })).toEqual(['DATA_IMPORT_INVALID_TRANSITION']);
  });

  it('refuses a type the cell does not import, and a malformed file id, before reading anything', async () => {
    expect(await imports.refused(member.principal, 'dataImportCreate', { type: 'Spaceship', fileId: toGlobalId('File', uuidv7()) })).toEqual([
      'DATA_IMPORT_UNKNOWN_TYPE',
    ]);
    expect(await imports.refused(member.principal, 'dataImportCreate', { type: 'Contact', fileId: 'nope' })).toEqual(['DATA_IMPORT_INVALID_INPUT']);
  });

  it('moves an import to the trash and back', async () => {
    const id = await seedImport(member);
    expect((await imports.mutate(member.principal, 'dataImportDelete', { id }, 'deletedDataImportId')).deletedDataImportId).toBe(id);
    expect(await read(id)).toBeNull();
    expect((await imports.mutate(member.principal, 'dataImportRestore', { id }, 'dataImport { id }')).dataImport).toEqual({ id });
    expect((await outboxEvents(database.url, 'imports', uuidOf(id))).map((event) => event.type)).toEqual(['data_import.deleted', 'data_import.restored']);
  });

  it('is deleted for good with its rows from the trash by an owner', async () => {
    const id = await seedImport(member);
    await imports.mutate(member.principal, 'dataImportDelete', { id }, 'deletedDataImportId');
    expect((await imports.mutate(owner.principal, 'dataImportPurge', { id }, 'deletedDataImportId')).deletedDataImportId).toBe(id);
    const rows = await withClient(database.url, (client) =>
      client.query('SELECT count(*)::int AS count FROM imports.data_import_rows WHERE import_id = $1', [uuidOf(id)]),
    );
    expect(rows.rows[0].count).toBe(0);
    expect((await outboxEvents(database.url, 'imports', uuidOf(id))).map((event) => event.type)).toContain('data_import.purged');
  });
});

describe('_entities', () => {
  it('resolves a data import by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const dataImport = await seedImport(member);
    const theirs = await seedImport(stranger);
    const trashed = await seedImport(member);
    await imports.mutate(member.principal, 'dataImportDelete', { id: trashed }, 'deletedDataImportId');
    const representations = [dataImport, toGlobalId('DataImport', uuidv7()), theirs, trashed].map((id) => ({ __typename: 'DataImport', id }));
    const result = await query(member.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on DataImport { id fileName rowCount } } }', {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: dataImport, fileName: 'people.csv', rowCount: 3 }, null, null, null]);
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading, listing, mapping, starting, canceling or deleting a data import', async () => {
    const id = await seedImport(member);
    expect(await read(id, stranger)).toBeNull();
    expect((await query(stranger.principal, `query($id: ID!) { dataImports(filter: { id: { eq: $id } }) { totalCount } }`, { id })).data!.dataImports).toEqual({
      totalCount: 0,
    });
    expect(await imports.refused(stranger.principal, 'dataImportMap', { id, mapping: [{ column: 'Nachname', field: 'lastName' }] })).toEqual([
      'DATA_IMPORT_NOT_FOUND',
    ]);
    expect(await imports.refused(stranger.principal, 'dataImportStart', { id })).toEqual(['DATA_IMPORT_NOT_FOUND']);
    expect(await imports.refused(stranger.principal, 'dataImportCancel', { id })).toEqual(['DATA_IMPORT_NOT_FOUND']);
    expect(await imports.refused(stranger.principal, 'dataImportDelete', { id })).toEqual(['DATA_IMPORT_NOT_FOUND']);
    // The database itself: the rows of another organization's import are invisible to its app role.
    expect((await read(id))?.rowCount).toBe(3);
  });
});

describe('permissions', () => {
  it('refuses a guest to import, and what is not shared with them', async () => {
    const id = await seedImport(member);
    const answer = await query(guest.principal, `query($id: ID!) { dataImport(id: $id) { id } }`, { id });
    expect(answer.data!.dataImport).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await query(guest.principal, 'mutation($f: ID!) { dataImportCreate(input: { type: "Contact", fileId: $f }) { dataImport { id } } }', {
      f: toGlobalId('File', uuidv7()),
    });
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await imports.refused(guest.principal, 'dataImportMap', { id, mapping: [{ column: 'Nachname', field: 'lastName' }] })).toEqual([
      'DATA_IMPORT_NOT_FOUND',
    ]);
  });

  it('lets an API key act within its scopes only', async () => {
    const id = await seedImport(member);
    const apiKey = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });
    expect((await query(apiKey(['imports:read']), `query($id: ID!) { dataImport(id: $id) { id } }`, { id })).data!.dataImport).toEqual({ id });
    const write = await query(apiKey(['imports:read']), 'mutation($id: ID!) { dataImportCancel(input: { id: $id }) { dataImport { id } } }', { id });
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'imports:write' });
    const other = await query(apiKey(['tasks:read']), '{ dataImports { totalCount } }');
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'imports:read' });
  });
});
