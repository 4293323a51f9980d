import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markSignedContract } from '../../../scripts/testing/documents.js';
import { documentsSubgraph } from '../src/index.js';

/*
 * Properties of the whole documents schema, read by introspection, so every operation added later
 * is held to them without a line here: (1) every mutation refuses an id in its input that is
 * malformed, of another type, of no object or of another organization's object — with a coded
 * error, never INTERNAL_SERVER_ERROR — and writes nothing; (2) every connection of the schema pages
 * forward one row at a time through exactly its totalCount rows, without repeats.
 */

let database: TestDatabase;
let harness: SubgraphHarness;
let schema: GraphQLSchema;
let me: TestMember;
let stranger: TestMember;
/** Real objects of the stranger's organization, by type (what a foreign id names). */
const theirs: Record<string, string> = {};
/** A document of mine with rows in each of its connections. */
let mine: string;

const documents = mutationsOf(() => harness, 'documents');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([documentsSubgraph], { databaseUrl: database.url });
  me = await testMember(database.url, 'owner');
  stranger = await testMember(database.url, 'owner');
  const introspection = await harness.request<IntrospectionQuery>('documents', getIntrospectionQuery(), {}, me.principal);
  schema = buildClientSchema(introspection.data!);

  const contractOf = async (who: TestMember, name: string) => {
    const id = (await documents.mutate(who.principal, 'documentCreate', { title: name }, 'document { id }')).document.id as string;
    await markSignedContract(database.url, id);
    return id;
  };
  const deliverable = (who: TestMember, documentId: string, title: string) =>
    documents.mutate(who.principal, 'deliverableCreate', { documentId, title, quantity: 2, frequency: 'ONCE', dueDate: '2030-01-01' }, 'deliverable { id }');
  theirs.Document = await contractOf(stranger, 'Theirs');
  theirs.Deliverable = (await deliverable(stranger, theirs.Document, 'Theirs')).deliverable.id;
  theirs.User = stranger.globalUserId;
  mine = await contractOf(me, 'Mine');
  for (const title of ['B', 'A', 'B']) await deliverable(me, mine, title);
  for (const name of ['Second', 'Third']) await contractOf(me, name);
}, 60_000);
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

/** Every path to an ID in `type` (lists as index 0), following inputs `depth` levels deep. */
function idPaths(type: GraphQLInputType, depth = 3, path: string[] = []): string[][] {
  const named = getNullableType(type);
  if (isListType(named)) return idPaths(named.ofType as GraphQLInputType, depth, [...path, '0']);
  if (isScalarType(named)) return named.name === 'ID' ? [path] : [];
  if (!isInputObjectType(named) || depth === 0) return [];
  return Object.values(named.getFields()).flatMap((field) => idPaths(field.type, depth - 1, [...path, field.name]));
}

/** A value of `type` for a required position: the least the input accepts by its type alone. */
function minimal(type: GraphQLInputType, depth = 3): unknown {
  const named = getNullableType(type);
  if (isListType(named)) return [minimal(named.ofType as GraphQLInputType, depth)];
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isInputObjectType(named))
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => depth > 0 && (isNonNullType(field.type) || depth > 2))
        .map((field) => [field.name, minimal(field.type, depth - 1)]),
    );
  const scalars: Record<string, unknown> = {
    ID: uuidv7(),
    String: 'x',
    Int: 1,
    Float: 1,
    Boolean: true,
    LocalDate: '2030-01-01',
    DateTimeISO: '2030-01-01T00:00:00.000Z',
  };
  return scalars[(named as { name: string }).name] ?? 'x';
}

/** `value` with `replacement` at `path` (lists and objects created on the way). */
function setAt(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return replacement as Record<string, unknown>;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  const child = (copy as Record<string, unknown>)[head];
  (copy as Record<string, unknown>)[head] = setAt((child ?? (rest[0] === '0' ? [] : {})) as Record<string, unknown>, rest, replacement);
  return copy as Record<string, unknown>;
}

/** Rows in every table of the documents schema (its outbox included): a write changes them. */
async function rowCounts(): Promise<string> {
  return withClient(database.url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema = 'documents' AND table_name <> '_migrations' ORDER BY 1`,
    );
    const { rows } = await client.query(tables.map((t) => `SELECT '${t.name}' AS name, count(*)::int AS count FROM ${t.name}`).join(' UNION ALL '));
    return JSON.stringify(rows);
  });
}

const send = (principal: Principal, query: string, variables: Record<string, unknown>) => harness.request('documents', query, variables, principal);

describe('every documents mutation', () => {
  it('refuses a malformed, mistyped, unknown or foreign id with a coded error and writes nothing', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.args.some((arg) => idPaths(arg.type).length));
    expect(mutations.map((field) => field.name)).toEqual(expect.arrayContaining(['documentUpdate', 'deliverableCreate', 'deliverableProgressRecord']));
    const badIds = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.uuid().map((uuid) => toGlobalId('Document', uuid)),
      fc.uuid().map((uuid) => toGlobalId('Deliverable', uuid)),
      fc.uuid().map((uuid) => toGlobalId('User', uuid)),
      fc.uuid().map((uuid) => toGlobalId('Task', uuid)),
      fc.constantFrom(...Object.values(theirs)),
    );
    const failures: string[] = [];
    for (const mutation of mutations) {
      const payload = getNamedType(mutation.type) as GraphQLObjectType;
      const select = isObjectType(payload) && payload.getFields().userErrors ? 'userErrors { code }' : '__typename';
      const declarations = mutation.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const query = `mutation(${declarations}) { ${mutation.name}(${mutation.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) { ${select} } }`;
      const base = Object.fromEntries(mutation.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, minimal(arg.type)]));
      const positions = mutation.args.flatMap((arg) => idPaths(arg.type).map((path) => [arg.name, ...path]));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...positions), badIds, async (path, id) => {
          const before = await rowCounts();
          const result = await send(me.principal, query, setAt(base, path, id));
          const codes = [
            ...(result.errors ?? []).map((error) => String(error.extensions?.code)),
            ...((result.data?.[mutation.name] as { userErrors?: { code: string }[] } | null)?.userErrors ?? []).map((error) => error.code),
          ];
          const wrote = (await rowCounts()) !== before;
          if (!codes.length || codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('undefined') || wrote)
            failures.push(`${mutation.name} ${path.join('.')}=${JSON.stringify(id)}: ${JSON.stringify(codes)}${wrote ? ' and wrote' : ''}`);
        }),
        { numRuns: 2 },
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('every documents connection', () => {
  /** Connection fields of `type` that need no argument: `[field, connection type]`. */
  const connectionsOf = (type: GraphQLObjectType) =>
    Object.values(type.getFields()).filter(
      (field) => getNamedType(field.type).name.endsWith('Connection') && field.args.every((arg) => !isNonNullType(arg.type)),
    );

  it('pages one row at a time through exactly its totalCount rows', async () => {
    const places = [
      ...connectionsOf(schema.getQueryType()!).map((field) => ({
        name: `Query.${field.name}`,
        wrap: (c: string) => c,
        pick: (d: Record<string, unknown>) => d,
      })),
      ...connectionsOf(schema.getType('Document') as GraphQLObjectType).map((field) => ({
        name: `Document.${field.name}`,
        wrap: (c: string) => `document(id: ${JSON.stringify(mine)}) { ${c} }`,
        pick: (d: Record<string, unknown>) => d.document as Record<string, unknown>,
      })),
    ];
    expect(places.map((place) => place.name)).toEqual(expect.arrayContaining(['Query.documents', 'Document.deliverables']));
    const walked: Record<string, number> = {};
    for (const place of places) {
      const field = place.name.split('.')[1]!;
      const ids: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 50; page++) {
        const result = await send(
          me.principal,
          `query($after: String) { ${place.wrap(`${field}(first: 1, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }`)} }`,
          {
            after,
          },
        );
        expect(result.errors, place.name).toBeUndefined();
        const connection = place.pick(result.data!)[field] as {
          totalCount: number;
          nodes: { id: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
        total = connection.totalCount;
        ids.push(...connection.nodes.map((node) => node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect({ place: place.name, count: ids.length, distinct: new Set(ids).size }).toEqual({ place: place.name, count: total, distinct: total });
      walked[place.name] = total;
    }
    expect(walked).toMatchObject({ 'Query.documents': 3, 'Document.deliverables': 3 });
  });
});
