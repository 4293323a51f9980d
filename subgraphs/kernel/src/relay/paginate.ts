import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from '../errors/coded-error.js';
import type { Database } from '../db/database.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Connection, type ConnectionArgs } from './connection-types.js';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor.js';

/** One key of an ordering; the last key of every ordering must be unique (the id). */
export interface SortKey<T> {
  /** Name in the ordering's signature, e.g. "dueDate". */
  name: string;
  /** Property path in the query, e.g. "task.dueDate" (TypeORM maps it to the column). */
  path: string;
  direction: 'ASC' | 'DESC';
  /** SQL type of the key, to cast cursor values back (e.g. "timestamptz", "uuid", "text"). */
  sqlType: string;
  /** The key's value on a loaded row. */
  valueOf: (row: T) => CursorValue;
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
  if (first != null && last != null) throw invalidInput('Pass either first or last, not both', { argument: 'first' });
  if (after != null && before != null) throw invalidInput('Pass either after or before, not both', { argument: 'after' });
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw invalidInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}`, { argument: name });
    }
  }
  if (last != null || before != null) {
    if (after != null) throw invalidInput('after cannot be combined with last/before', { argument: 'after' });
    return { forward: false, size: last ?? DEFAULT_PAGE_SIZE, cursor: before ?? null, cursorArgument: 'before' };
  }
  return { forward: true, size: first ?? DEFAULT_PAGE_SIZE, cursor: after ?? null, cursorArgument: 'after' };
}

export function orderingSignature(sort: SortKey<unknown>[]): string {
  return sort.map((key) => `${key.name}:${key.direction}`).join(',');
}

/**
 * The WHERE condition selecting rows strictly after (or before) the cursor row in the ordering
 * `sort`. NULLs sort as the greatest value (ASC NULLS LAST, DESC NULLS FIRST), so every ordering
 * is total and the condition is exact: lexicographic over the keys, null-aware per key.
 */
export function keysetCondition<T>(
  sort: SortKey<T>[],
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

/** Applies the ordering (reversed when paging backwards) to a query. */
export function applyOrdering<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, sort: SortKey<T>[], forward: boolean): void {
  sort.forEach((key, index) => {
    const ascending = (key.direction === 'ASC') === forward;
    const direction = ascending ? 'ASC' : 'DESC';
    const nulls = ascending ? 'NULLS LAST' : 'NULLS FIRST';
    if (index === 0) query.orderBy(key.path, direction, nulls);
    else query.addOrderBy(key.path, direction, nulls);
  });
}

/** Turns a fetched page (size + 1 rows at most, in query order) into a connection. */
export function toConnection<T>(
  rows: T[],
  page: PageRequest,
  sort: SortKey<T>[],
  totalCount: () => Promise<number>,
): Connection<T> {
  const hasMore = rows.length > page.size;
  const pageRows = rows.slice(0, page.size);
  if (!page.forward) pageRows.reverse();
  const ordering = orderingSignature(sort as SortKey<unknown>[]);
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(ordering, sort.map((key) => key.valueOf(node))), node }));
  let count: Promise<number> | undefined;
  return {
    edges,
    nodes: pageRows,
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
 * Keyset (cursor) pagination of the rows selected by `build`, within a tenant transaction. The
 * page query fetches one extra row to know whether another page follows; `totalCount` runs its
 * own COUNT only when a client selects it.
 */
export async function paginate<T extends ObjectLiteral>(options: {
  db: Database;
  build: (em: EntityManager) => SelectQueryBuilder<T>;
  sort: SortKey<T>[];
  args: ConnectionArgs;
}): Promise<Connection<T>> {
  const { db, build, sort, args } = options;
  const page = pageRequest(args);
  const rows =
    page.size === 0
      ? []
      : await db.transaction((em) => {
          const query = build(em);
          if (page.cursor) {
            const values = decodeCursor(page.cursor, orderingSignature(sort as SortKey<unknown>[]), sort.length, page.cursorArgument);
            const condition = keysetCondition(sort, values, page.forward);
            query.andWhere(condition.sql, condition.params);
          }
          applyOrdering(query, sort, page.forward);
          return query.limit(page.size + 1).getMany();
        });
  return toConnection(rows, page, sort, () => db.transaction((em) => build(em).getCount()));
}
