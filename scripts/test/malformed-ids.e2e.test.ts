import { randomUUID } from 'node:crypto';
import { toGlobalId } from '@cellgraph/kernel';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../testing/cell-harness.js';

/*
 * A property of the whole schema: no field taking an id answers INTERNAL_SERVER_ERROR to a
 * malformed one. The schema is read by introspection; every Query and Mutation field with an ID
 * argument or an ID field in its input (at any depth) is called with each of its ID positions set
 * to garbage, to a real object's id of another type, to a well-formed id of no object and, for the
 * types that have a trash, to an object in the trash — the other required arguments built
 * minimally (optional inputs are followed 3 levels deep, far enough for every id but the ones
 * nested in recursive filters). Fields whose required arguments cannot be built are skipped and
 * counted.
 */

let cell: TestCell;
let alice: TestUser;
let schema: GraphQLSchema;
let boardId: string;
/** An object in the trash, per type. */
const trashed: Record<string, string> = {};

beforeAll(async () => {
  cell = await startTestCell();
  alice = await cell.signUp('Alice');
  const introspection = await cell.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, alice.token);
  schema = buildClientSchema(introspection.data!);
  const created = await cell.gql('mutation { boardCreate(input: { name: "Probe", columns: [{ name: "Todo" }] }) { board { id } } }', {}, alice.token);
  boardId = created.data!.boardCreate.board.id;
  const trash = async (type: string, create: string, path: string, extra = '') => {
    const made = await cell.gql(`mutation { ${create} { ${path} { id } } }`, {}, alice.token);
    const id = made.data![create.split('(')[0]!][path].id as string;
    const deleted = await cell.gql(
      `mutation($id: ID!) { ${type[0]!.toLowerCase()}${type.slice(1)}Delete(input: { id: $id${extra} }) { userErrors { code } } }`,
      { id },
      alice.token,
    );
    expect(deleted.errors).toBeUndefined();
    trashed[type] = id;
  };
  await trash('Task', `taskCreate(input: { boardId: "${boardId}", title: "Trashed" })`, 'task');
  await trash('Contact', 'contactCreate(input: { firstName: "Trashed" })', 'contact');
  await trash('Board', 'boardCreate(input: { name: "Trashed", columns: [{ name: "Todo" }] })', 'board');
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

/** A path to an ID position: the argument, then input fields (list items are given as one element). */
type IdPath = string[];

const SCALARS: Record<string, unknown> = {
  String: 'probe',
  Int: 1,
  Float: 1,
  Boolean: true,
  DateTimeISO: '2026-01-01T00:00:00.000Z',
  LocalDate: '2026-01-01',
  Decimal: '1',
  CurrencyCode: 'USD',
  JSON: {},
  JSONObject: {},
};

class Unbuildable extends Error {}

/** How deep optional input objects are followed (filters nest `and`/`or` without end). */
const MAX_DEPTH = 3;

/** A minimal value of `type`, with every ID position set by `idAt(path)` (undefined: leave an optional one out). */
function build(type: GraphQLInputType, path: IdPath, idAt: (path: IdPath, required: boolean) => unknown, depth = 0): unknown {
  const required = isNonNullType(type);
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    // Past MAX_DEPTH no id is probed: an optional list of inputs there is left out (recursive filters'
    // and/or lists would otherwise be followed, and fail to build, at every depth).
    if (!required && depth >= MAX_DEPTH && isInputObjectType(getNamedType(inner))) return undefined;
    let item: unknown;
    try {
      item = build(inner.ofType as GraphQLInputType, path, idAt, depth);
    } catch (error) {
      if (required || !(error instanceof Unbuildable)) throw error;
    }
    return item === undefined ? (required ? [] : undefined) : [item];
  }
  if (isScalarType(inner) && inner.name === 'ID') return idAt(path, required);
  if (!required && (depth >= MAX_DEPTH || !hasIdPosition(inner, depth))) return undefined;
  if (isScalarType(inner)) {
    if (!(inner.name in SCALARS)) throw new Unbuildable(`scalar ${inner.name}`);
    return SCALARS[inner.name];
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    if (depth > 2 * MAX_DEPTH) throw new Unbuildable(`required input nested too deep at ${path.join('.')}`);
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      const built = build(field.type, [...path, field.name], idAt, depth + 1);
      if (built !== undefined) value[field.name] = built;
    }
    // One of a "oneOf"-like input with nothing required: fine as is.
    return Object.keys(value).length || required ? value : undefined;
  }
  throw new Unbuildable(`type ${String(inner)}`);
}

function hasIdPosition(type: GraphQLInputType, depth = 0): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID';
  if (isInputObjectType(named) && depth < MAX_DEPTH) return Object.values(named.getFields()).some((field) => hasIdPosition(field.type, depth + 1));
  return false;
}

/** Every ID position of a field's arguments. */
function idPositions(field: GraphQLField<unknown, unknown>): IdPath[] {
  const found: IdPath[] = [];
  const walk = (type: GraphQLInputType, path: IdPath, depth: number) => {
    const named = getNamedType(type);
    if (isScalarType(named) && named.name === 'ID') found.push(path);
    else if (isInputObjectType(named) && depth < MAX_DEPTH)
      for (const inner of Object.values(named.getFields())) walk(inner.type, [...path, inner.name], depth + 1);
  };
  for (const arg of field.args) walk(arg.type, [arg.name], 0);
  return found;
}

let names: Set<string> | undefined;
const typeNames = () => (names ??= new Set(Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__'))));

/** The type an id at `path` of `field` most likely names: `taskId` → Task, `taskUpdate(input: { id })` → Task. */
function likelyType(field: string, path: IdPath): string {
  const types = typeNames();
  const last = path.at(-1)!;
  const stem = last.replace(/Ids?$/, '');
  const fromName = stem && stem !== last ? stem[0]!.toUpperCase() + stem.slice(1) : null;
  if (fromName && types.has(fromName)) return fromName;
  const capitalized = field[0]!.toUpperCase() + field.slice(1);
  return [...types].filter((name) => capitalized.startsWith(name)).sort((a, b) => b.length - a.length)[0] ?? 'Task';
}

const same = (a: IdPath, b: IdPath) => a.length === b.length && a.every((part, index) => part === b[index]);

type Probe = 'garbage' | 'another type' | 'unknown' | 'in the trash';
const PROBES: Probe[] = ['garbage', 'another type', 'unknown', 'in the trash'];

const TAKES_OUT_OF_TRASH = /(Restore|Purge)$|^trash/;

/** The probe's id for the position; null when it does not apply (no trash of that type). */
function probeValue(probe: Probe, field: string, path: IdPath): string | null {
  if (probe === 'garbage') return 'not an id!';
  // Fields that take objects out of the trash (restore, purge) would leave none for the others.
  if (probe === 'in the trash') return TAKES_OUT_OF_TRASH.test(field) ? null : (trashed[likelyType(field, path)] ?? null);
  if (probe === 'another type') return likelyType(field, path) === 'Board' ? alice.userId : boardId;
  return toGlobalId(likelyType(field, path), randomUUID());
}

describe('malformed ids, over the whole schema', { timeout: 600_000 }, () => {
  it('never answer INTERNAL_SERVER_ERROR', async () => {
    const internal: string[] = [];
    const skipped: string[] = [];
    let covered = 0;
    const calls: (() => Promise<void>)[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      const operation = root === schema.getQueryType() ? 'query' : 'mutation';
      for (const field of Object.values(root.getFields())) {
        const positions = idPositions(field);
        if (!positions.length) continue;
        // One call per ID position and probe: that position gets the probe, every other required
        // id a well-formed unknown one of its likely type.
        let built = true;
        for (const target of positions) {
          for (const probe of PROBES) {
            if (probeValue(probe, field.name, target) === null) continue;
            const idAt = (path: IdPath, required: boolean) =>
              same(path, target) ? probeValue(probe, field.name, path) : required ? probeValue('unknown', field.name, path) : undefined;
            let variables: Record<string, unknown>;
            try {
              variables = Object.fromEntries(field.args.map((arg) => [arg.name, build(arg.type, [arg.name], idAt)]).filter(([, value]) => value !== undefined));
            } catch (error) {
              if (!(error instanceof Unbuildable)) throw error;
              skipped.push(`${field.name} (${error.message})`);
              built = false;
              break;
            }
            const declared = field.args.filter((arg) => arg.name in variables).map((arg) => `$${arg.name}: ${String(arg.type)}`);
            const passed = field.args.filter((arg) => arg.name in variables).map((arg) => `${arg.name}: $${arg.name}`);
            const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
            const document = `${operation}${declared.length ? `(${declared.join(', ')})` : ''} { ${field.name}${passed.length ? `(${passed.join(', ')})` : ''} ${selection} }`;
            calls.push(async () => {
              const response = await cell.gql(document, variables, alice.token);
              for (const error of response.errors ?? []) {
                if (error.extensions?.code === 'INTERNAL_SERVER_ERROR' || !error.extensions?.code) {
                  internal.push(`${operation} ${field.name} ${target.join('.')}=${probe}: ${error.message} (${JSON.stringify(variables)})`);
                }
              }
            });
          }
          if (!built) break;
        }
        if (built) covered += 1;
      }
    }
    // The calls are independent (none takes an object out of the trash): a few at a time.
    const pending = [...calls];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let call = pending.shift(); call; call = pending.shift()) await call();
      }),
    );
    console.log(`malformed ids: ${covered} fields covered with ${calls.length} calls; ${skipped.length} skipped: ${skipped.join('; ') || 'none'}`);
    if (internal.length) console.log(`INTERNAL_SERVER_ERROR answers:\n${internal.join('\n')}`);
    expect(covered).toBeGreaterThan(50);
    expect(internal).toEqual([]);
  });
});

describe('ids the fuzzing found', () => {
  it('checklistCreate on a task in the trash is TASK_NOT_FOUND (a user error), not INTERNAL_SERVER_ERROR', async () => {
    const result = await cell.gql(
      'mutation($input: ChecklistCreateInput!) { checklistCreate(input: $input) { checklist { id } userErrors { code field } } }',
      { input: { taskId: trashed.Task, title: 'Late' } },
      alice.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.checklistCreate).toEqual({ checklist: null, userErrors: [{ code: 'TASK_NOT_FOUND', field: ['input', 'taskId'] }] });
  });

  it('timeReport input errors and objectPermissions with a malformed id are coded client errors', async () => {
    const report = await cell.gql(
      '{ timeReport(input: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z", groupBy: [TASK] }) { totalSeconds } }',
      {},
      alice.token,
    );
    expect(report.errors!.map((error) => [error.extensions?.code, error.extensions?.field])).toEqual([['TIME_INVALID_INPUT', ['input', 'from']]]);
    const permissions = await cell.gql('{ objectPermissions(objectId: "not an id!") { relation } }', {}, alice.token);
    expect(permissions.errors!.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'objectId']]);
  });
});
