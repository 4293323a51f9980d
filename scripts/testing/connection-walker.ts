import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import type { GraphQLData } from '../runtime/graphql-client.js';
import type { TestCell } from './cell-harness.js';

/** A connection field of the API schema, e.g. `Task.subtasks` or `Query.tasks`. */
export interface ConnectionField {
  coordinate: string;
  parentType: string;
  field: string;
  /** Selection identifying one node of the connection (its id, or what identifies a type without one). */
  identity: string;
  /** `orderBy` arguments to walk: every value of the order enum in both directions, and none (the default). */
  orderings: (string | null)[];
}

export async function apiSchema(cell: TestCell, token: string): Promise<GraphQLSchema> {
  const result = await cell.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, token);
  if (!result.data) throw new Error(`Introspection failed: ${JSON.stringify(result.errors)}`);
  return buildClientSchema(result.data);
}

const isConnection = (type: GraphQLNamedType) =>
  isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields() && 'pageInfo' in type.getFields();

/** Every connection field of every object type (root query fields and fields of entities). */
export function connectionFields(schema: GraphQLSchema): ConnectionField[] {
  const roots = new Set([schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const fields: ConnectionField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type.name) || isConnection(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const connection = getNamedType(field.type);
      if (!isConnection(connection) || !isObjectType(connection)) continue;
      const node = getNamedType(connection.getFields().edges!.type);
      const nodeType = isObjectType(node) ? getNamedType(node.getFields().node!.type) : node;
      fields.push({
        coordinate: `${type.name}.${field.name}`,
        parentType: type.name,
        field: field.name,
        identity: identityOf(schema, nodeType),
        orderings: orderingsOf(field),
      });
    }
  }
  return fields;
}

function identityOf(schema: GraphQLSchema, type: GraphQLNamedType): string {
  if (isUnionType(type) || isInterfaceType(type)) {
    return `__typename ${schema
      .getPossibleTypes(type)
      .map((member) => `... on ${member.name} { ${identityOf(schema, member)} }`)
      .join(' ')}`;
  }
  if (!isObjectType(type)) throw new Error(`Cannot identify nodes of ${type.name}`);
  const fields = type.getFields();
  if (fields.id) return 'id';
  // No id: its scalar fields and the ids of the objects it joins (e.g. a membership's user).
  return Object.values(fields)
    .filter((field) => field.args.every((arg) => arg.defaultValue !== undefined || !String(arg.type).endsWith('!')))
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (isObjectType(named) && named.getFields().id) return [`${field.name} { id }`];
      return [];
    })
    .join(' ');
}

function orderingsOf(field: GraphQLField<unknown, unknown>): (string | null)[] {
  const orderBy = field.args.find((arg) => arg.name === 'orderBy');
  if (!orderBy) return [null];
  const input = getNamedType(orderBy.type);
  if (!isInputObjectType(input)) throw new Error(`${field.name}(orderBy:) is not an input object`);
  const keyField = getNamedType(input.getFields().field!.type);
  const direction = getNamedType(input.getFields().direction!.type);
  if (!isEnumType(keyField) || !isEnumType(direction)) throw new Error(`${field.name}(orderBy:) has no enum field/direction`);
  return [null, ...keyField.getValues().flatMap((key) => direction.getValues().map((dir) => `[{ field: ${key.name}, direction: ${dir.name} }]`))];
}

/** Where a connection sits: a selection around it, and how to find it in the answer. */
export interface ConnectionPlace {
  wrap: (connection: string) => string;
  /** The connection in the answer, from what the wrapped selection returned. */
  pick: (data: GraphQLData | null | undefined, field: string) => GraphQLData | null | undefined;
}

export interface Walk {
  name: string;
  place: ConnectionPlace;
  field: ConnectionField;
  args: string;
  orderBy: string | null;
}

export interface WalkResult {
  reference: string[];
  forward: string[];
  backward: string[];
  totalCount: number;
}

interface Page {
  edges: { cursor: string; node: unknown }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: number;
}

/** Marks a walk stopped while its pageInfo still announced more pages. */
const STILL_MORE = '(more pages announced)';
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * Walks many connections at once: one unpaged page of each (first: 100), then every page forward
 * (first/after) and backward (last/before) of `pageSize`, all walks advancing together so that a
 * request carries one step of up to `batch` walks (`concurrency` requests at a time).
 */
export async function walkAll(cell: TestCell, token: string, walks: Walk[], pageSize: number, batch = 25, concurrency = 2): Promise<Map<string, WalkResult>> {
  // Cursors travel as variables: a step repeats the previous step's document, whose plan the gateway caches.
  const selection = (walk: Walk, paging: string, extra = '') => {
    const args = [paging, walk.args, walk.orderBy ? `orderBy: ${walk.orderBy}` : ''].filter(Boolean).join(', ');
    return walk.place.wrap(`${walk.field.field}(${args}) { edges { cursor node { ${walk.field.identity} } } ${PAGE_INFO} ${extra} }`);
  };
  type Step = { walk: Walk; paging: (cursorVariable: string) => string; cursor?: string | null; extra?: string };
  const run = async (steps: Step[]): Promise<Page[]> => {
    const chunks = Array.from({ length: Math.ceil(steps.length / batch) }, (_v, index) => steps.slice(index * batch, (index + 1) * batch));
    const answers = await inParallel(chunks, concurrency, async (chunk) => {
      const pages: Page[] = [];
      const variables = chunk.map((_step, index) => `$c${index}: String`).join(', ');
      const query = `query(${variables}) { ${chunk.map((step, index) => `w${index}: ${selection(step.walk, step.paging(`$c${index}`), step.extra)}`).join('\n')} }`;
      const result = await cell.gql(query, Object.fromEntries(chunk.map((step, index) => [`c${index}`, step.cursor ?? null])), token);
      if (result.errors?.length)
        throw new Error(`Walking failed: ${JSON.stringify(result.errors).slice(0, 2000)} (walks ${chunk.map((s) => s.walk.name).join(', ')})`);
      chunk.forEach((step, index) => {
        const page = step.walk.place.pick(result.data![`w${index}`], step.walk.field.field) as Page | null;
        if (!page) throw new Error(`${step.walk.name}: no connection in ${JSON.stringify(result.data![`w${index}`])}`);
        pages.push(page);
      });
      return pages;
    });
    return answers.flat();
  };
  const key = (node: unknown) => JSON.stringify(node);

  const references = await run(walks.map((walk) => ({ walk, paging: (cursor) => `first: 100, after: ${cursor}`, extra: 'totalCount' })));
  const results = new Map<string, WalkResult>();
  walks.forEach((walk, index) => {
    const page = references[index]!;
    if (page.pageInfo.hasNextPage) throw new Error(`${walk.name}: more than 100 rows, too many for one reference page`);
    results.set(walk.name, { reference: page.edges.map((edge) => key(edge.node)), forward: [], backward: [], totalCount: page.totalCount! });
  });

  // A walk ends at its last page, or as soon as it repeats a row or needs more pages than the rows allow.
  const pagesAllowed = (walk: Walk) => Math.ceil(results.get(walk.name)!.reference.length / pageSize) + 1;
  const proceed = (walk: Walk, seen: string[], page: Page, more: boolean, step: number) => {
    const rows = page.edges.map((edge) => key(edge.node));
    const repeats = rows.some((row) => seen.includes(row)) || new Set(rows).size !== rows.length;
    const next = more && !repeats && step + 1 < pagesAllowed(walk);
    return { rows: more && !next ? [...rows, STILL_MORE] : rows, next };
  };
  let forward = walks.map((walk) => ({ walk, cursor: null as string | null }));
  let backward = walks.map((walk) => ({ walk, cursor: null as string | null }));
  for (let step = 0; forward.length || backward.length; step += 1) {
    const pages = await run([
      ...forward.map(({ walk, cursor }) => ({ walk, cursor, paging: (variable: string) => `first: ${pageSize}, after: ${variable}` })),
      ...backward.map(({ walk, cursor }) => ({ walk, cursor, paging: (variable: string) => `last: ${pageSize}, before: ${variable}` })),
    ]);
    const forwardPages = pages.slice(0, forward.length);
    const backwardPages = pages.slice(forward.length);
    forward = forward.flatMap(({ walk }, index) => {
      const page = forwardPages[index]!;
      const result = results.get(walk.name)!;
      const { rows, next } = proceed(walk, result.forward, page, page.pageInfo.hasNextPage, step);
      result.forward.push(...rows);
      return next ? [{ walk, cursor: page.pageInfo.endCursor }] : [];
    });
    backward = backward.flatMap(({ walk }, index) => {
      const page = backwardPages[index]!;
      const result = results.get(walk.name)!;
      const { rows, next } = proceed(walk, result.backward, page, page.pageInfo.hasPreviousPage, step);
      result.backward.unshift(...rows);
      return next ? [{ walk, cursor: page.pageInfo.startCursor }] : [];
    });
  }
  return results;
}

/** Maps `items` with at most `limit` calls running at once, keeping their order. */
async function inParallel<T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
