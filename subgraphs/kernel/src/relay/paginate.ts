import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from '../errors/coded-error.js';
import type { Database, WorkScope } from '../db/database.js';
import type { Connection, ConnectionArgs } from './connection-types.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * One key of an ordering; the last key of every ordering must be unique (the id). Cursor values are
 * read from the page query itself (the key cast to text by Postgres), never from loaded objects, so
 * they round-trip exactly whatever the column's type (timestamps keep their microseconds).
 */
export interface SortKey {
  /** Name in the ordering's signature, e.g. "dueDate". */
  name: string;
  /** Property path in the query, e.g. "task.dueDate" (TypeORM maps it to the column), or a column of a raw source. */
  path: string;
  direction: 'ASC' | 'DESC';
  /** SQL type of the key, to cast cursor values back (e.g. "timestamptz", "uuid", "text"). */
  sqlType: string;
}

/** A fetched item and the values of its sort keys, as Postgres printed them. */
export interface KeyedRow<T> {
  node: T;
  keys: CursorValue[];
}

export interface PageRequest {
  forward: boolean;
  size: number;
  cursor: string | null;
  cursorArgument: string;
}

/** Validates first/after/last/before (Relay rules, default 50, max 100). */
export function pageRequest(args: ConnectionArgs): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw invalidInput(kernelMessages.firstOrLast, { argument: 'first' });
  if (after != null && before != null) throw invalidInput(kernelMessages.afterOrBefore, { argument: 'after' });
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw invalidInput(text(kernelMessages.pageSizeRange, { argument: name, max: MAX_PAGE_SIZE }), { argument: name });
    }
  }
  if (last != null || before != null) {
    if (after != null) throw invalidInput(kernelMessages.afterWithLast, { argument: 'after' });
    return { forward: false, size: last ?? DEFAULT_PAGE_SIZE, cursor: before ?? null, cursorArgument: 'before' };
  }
  return { forward: true, size: first ?? DEFAULT_PAGE_SIZE, cursor: after ?? null, cursorArgument: 'after' };
}

export function orderingSignature(sort: SortKey[]): string {
  return sort.map((key) => `${key.name}:${key.direction}`).join(',');
}

/**
 * The WHERE condition selecting rows strictly after (or before) the cursor row in the ordering
 * `sort`. NULLs sort as the greatest value (ASC NULLS LAST, DESC NULLS FIRST), so every ordering
 * is total and the condition is exact: lexicographic over the keys, null-aware per key.
 */
export function keysetCondition(
  sort: SortKey[],
  values: CursorValue[],
  forward: boolean,
  paramPrefix = 'keyset',
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const equal: string[] = [];
  const alternatives: string[] = [];
  sort.forEach((key, index) => {
    const value = values[index] ?? null;
    const param = `${paramPrefix}${index}`;
    if (value !== null) params[param] = value;
    const placeholder = `CAST(:${param} AS ${key.sqlType})`;
    const ascending = (key.direction === 'ASC') === forward;
    const beyond =
      value === null
        ? ascending
          ? 'FALSE'
          : `${key.path} IS NOT NULL`
        : ascending
          ? `(${key.path} > ${placeholder} OR ${key.path} IS NULL)`
          : `${key.path} < ${placeholder}`;
    alternatives.push([...equal, beyond].join(' AND '));
    equal.push(value === null ? `${key.path} IS NULL` : `${key.path} = ${placeholder}`);
  });
  return { sql: `(${alternatives.map((a) => `(${a})`).join(' OR ')})`, params };
}

/** The ordering's terms, reversed when paging backwards (nulls last in ascending order). */
export function orderTerms(sort: SortKey[], forward: boolean): { path: string; direction: 'ASC' | 'DESC'; nulls: 'NULLS LAST' | 'NULLS FIRST' }[] {
  return sort.map((key) => {
    const ascending = (key.direction === 'ASC') === forward;
    return { path: key.path, direction: ascending ? 'ASC' : 'DESC', nulls: ascending ? 'NULLS LAST' : 'NULLS FIRST' };
  });
}

/** Applies the ordering (reversed when paging backwards) to a query. */
export function applyOrdering(query: SelectQueryBuilder<ObjectLiteral>, sort: SortKey[], forward: boolean): void {
  orderTerms(sort, forward).forEach(({ path, direction, nulls }, index) => {
    if (index === 0) query.orderBy(path, direction, nulls);
    else query.addOrderBy(path, direction, nulls);
  });
}

/** Restricts `query` to the rows after (or before) the page's cursor, if it has one. */
export function applyCursor(query: SelectQueryBuilder<ObjectLiteral>, sort: SortKey[], page: PageRequest): void {
  if (!page.cursor) return;
  const values = decodeCursor(page.cursor, orderingSignature(sort), sort.length, page.cursorArgument);
  const condition = keysetCondition(sort, values, page.forward);
  query.andWhere(condition.sql, condition.params);
}

const cursorColumn = (index: number) => `cellgraph_cursor_${index}`;

/** Restricts `query` to one page after/before the cursor, ordered, with one extra row, selecting the cursor values. */
export function pageQuery<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, sort: SortKey[], page: PageRequest): Q {
  applyCursor(query, sort, page);
  selectCursorValues(query, sort);
  applyOrdering(query, sort, page.forward);
  query.limit(page.size + 1);
  return query;
}

/**
 * Selects each sort key's cursor value: Postgres's text of it (`cellgraph_cursor_<i>`), which casts
 * back to the same value — for timestamps, with the offset and every microsecond. With `from`, passes
 * on the values an inner query aliased `from` selected.
 */
export function selectCursorValues(query: SelectQueryBuilder<ObjectLiteral>, sort: SortKey[], from?: string): void {
  sort.forEach((key, index) => query.addSelect(from ? `${from}.${cursorColumn(index)}` : `CAST(${key.path} AS text)`, cursorColumn(index)));
}

/** The cursor values a page query selected for one raw row. */
export function cursorValuesOf(raw: Record<string, unknown>, sort: SortKey[]): CursorValue[] {
  return sort.map((_key, index) => {
    const value = raw[cursorColumn(index)];
    return value === null || value === undefined ? null : String(value);
  });
}

/** Turns a fetched page (size + 1 rows at most, in query order) into a connection. */
export function toConnection<T>(rows: KeyedRow<T>[], page: PageRequest, sort: SortKey[], totalCount: () => Promise<number>): Connection<T> {
  const hasMore = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  if (!page.forward) pageRows.reverse();
  const ordering = orderingSignature(sort);
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(ordering, row.keys), node: row.node }));
  let count: Promise<number> | undefined;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.forward ? hasMore : page.cursor !== null,
      hasPreviousPage: page.forward ? page.cursor !== null : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      count ??= totalCount();
      return count;
    },
  };
}

/**
 * Keyset (cursor) pagination of the rows selected by `build`, within a tenant transaction. `build`
 * must yield one row per item (no joins that multiply rows). The page query fetches one extra row
 * to know whether another page follows; `totalCount` runs its own COUNT only when a client selects it.
 */
export async function paginate<T extends ObjectLiteral>(options: {
  db: Database;
  /** Whose rows: the request (or explicit scope) the page is read for. */
  scope: WorkScope;
  build: (em: EntityManager) => SelectQueryBuilder<T>;
  sort: SortKey[];
  args: ConnectionArgs;
}): Promise<Connection<T>> {
  const { db, scope, build, sort, args } = options;
  const page = pageRequest(args);
  const rows =
    page.size === 0
      ? []
      : await db.transaction(scope, async (em) => {
          const { raw, entities } = await pageQuery(build(em), sort, page).getRawAndEntities();
          if (raw.length !== entities.length) throw new Error('paginate: the query must yield one row per item');
          return entities.map((node, index) => ({ node, keys: cursorValuesOf(raw[index] as Record<string, unknown>, sort) }));
        });
  return toConnection(rows, page, sort, () => db.transaction(scope, (em) => build(em).getCount()));
}

/** Paging over a raw SQL source: what paginateSource and paginateSourceGroups take. */
export interface SourcePageOptions<R extends Record<string, unknown>, T> {
  db: Database;
  scope: WorkScope;
  source: { sql: string; params: Record<string, unknown> };
  sort: SortKey[];
  args: ConnectionArgs;
  load: (em: EntityManager, rows: R[]) => Promise<(T | undefined)[]>;
}

/**
 * Keyset pagination over a raw SQL source (e.g. a UNION of several tables): `source` yields rows
 * with the sort keys as columns (the keys' paths name them), `load` turns the page's rows into
 * items, one per row in the same order (undefined for a row whose item is gone meanwhile: it is
 * left out). Parameters are named (`:name`).
 */
export async function paginateSource<R extends Record<string, unknown>, T>(options: SourcePageOptions<R, T>): Promise<Connection<T>> {
  const { db, scope, source, sort, args, load } = options;
  const page = pageRequest(args);
  const fromSource = (em: EntityManager) => em.createQueryBuilder().from(`(${source.sql})`, 'items').setParameters(source.params);
  const rows =
    page.size === 0
      ? []
      : await db.transaction(scope, async (em) => {
          const raw = (await pageQuery(fromSource(em).select('items.*'), sort, page).getRawMany()) as R[];
          const nodes = await load(em, raw);
          if (nodes.length !== raw.length) throw new Error('paginateSource: load must answer one item (or undefined) per row');
          return raw.flatMap((row, index) => (nodes[index] === undefined ? [] : [{ node: nodes[index]!, keys: cursorValuesOf(row, sort) }]));
        });
  return toConnection(rows, page, sort, () =>
    db.transaction(scope, async (em) => Number(((await fromSource(em).select('COUNT(*)', 'count').getRawOne()) as { count: string }).count)),
  );
}
