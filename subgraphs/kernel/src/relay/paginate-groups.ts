import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Database, WorkScope } from '../db/database.js';
import type { Connection, ConnectionArgs } from './connection-types.js';
import {
  applyCursor,
  cursorValuesOf,
  orderTerms,
  pageRequest,
  selectCursorValues,
  toConnection,
  type KeyedRow,
  type PageRequest,
  type SortKey,
  type SourcePageOptions,
} from './paginate.js';

export interface GroupedPageOptions<T extends ObjectLiteral> {
  db: Database;
  /** Whose rows: the request (or explicit scope) the pages are read for. */
  scope: WorkScope;
  entity: EntityTarget<T>;
  /** The base query (alias and filters), without the group condition. */
  build: (em: EntityManager) => SelectQueryBuilder<T>;
  /** Alias of the base query's entity, e.g. "task". */
  alias: string;
  /** Property path of the grouping column, e.g. "task.assigneeId". */
  groupPath: string;
  /** Primary key property, e.g. "id". */
  idProperty: keyof T & string;
  sort: SortKey[];
  args: ConnectionArgs;
}

/**
 * One page per group (e.g. the tasks of each column of a board) in ONE statement: a window query
 * ranks the rows within each group (ROW_NUMBER over the group, in the page's order) and the outer
 * query keeps size + 1 per group, with the rows' columns, so no second query loads them. On a
 * first page (no cursor) the same statement counts each group (COUNT over the group); after a
 * cursor the counts come from one GROUP BY, only if selected. Meant to be called from a DataLoader
 * whose keys are the groups.
 */
export async function paginateGroups<T extends ObjectLiteral>(options: GroupedPageOptions<T>, groups: readonly string[]): Promise<Connection<T>[]> {
  const { db, scope, entity, build, alias, groupPath, sort, args } = options;
  const inGroups = (em: EntityManager) => build(em).andWhere(`${groupPath} IN (:...cellgraphGroups)`, { cellgraphGroups: [...groups] });
  return pagesOfGroups(groups, args, sort, {
    read: (page) =>
      db.transaction(scope, async (em) => {
        const metadata = em.connection.getMetadata(entity);
        // The entity's columns, each under a name of our own (cellgraph_c<i>), hydrated below.
        const columns = metadata.columns.map((column, index): [string, string] => [`${alias}.${column.propertyPath}`, `cellgraph_c${index}`]);
        const picked = await pickGroupPages(em, inGroups(em), groupPath, columns, sort, page);
        return picked.map((raw) => {
          const node = metadata.create() as T;
          metadata.columns.forEach((column, index) =>
            column.setEntityValue(node, em.connection.driver.prepareHydratedValue(raw[`cellgraph_c${index}`], column)),
          );
          return { raw, node };
        });
      }),
    count: () =>
      db.transaction(scope, (em) => inGroups(em).select(`CAST(${groupPath} AS text)`, 'grp').addSelect('COUNT(*)', 'count').groupBy(groupPath).getRawMany()),
  });
}

/**
 * paginateGroups over a raw SQL source (e.g. a UNION of several tables), as paginateSource is to
 * paginate: `source` yields the rows of every group, with the group in a column `grp` and the sort
 * keys as columns; it receives the groups as the parameter `groups` (`:...groups` for a list,
 * `:groups` for an array). `load` turns the rows of all the pages into items at once (one per row,
 * undefined for an item gone meanwhile), so N groups cost the page statement plus `load`'s,
 * whatever N.
 */
export async function paginateSourceGroups<R extends Record<string, unknown>, T>(
  options: SourcePageOptions<R, T>,
  groups: readonly string[],
): Promise<Connection<T>[]> {
  const { db, scope, source, sort, args, load } = options;
  const fromSource = (em: EntityManager) =>
    em
      .createQueryBuilder()
      .from(`(${source.sql})`, 'items')
      .setParameters({ ...source.params, groups: [...groups] });
  return pagesOfGroups(groups, args, sort, {
    read: (page) =>
      db.transaction(scope, async (em) => {
        const picked = await pickGroupPages(em, fromSource(em), 'items.grp', [['items.*', '']], sort, page);
        const nodes = await load(em, picked as R[]);
        if (nodes.length !== picked.length) throw new Error('paginateSourceGroups: load must answer one item (or undefined) per row');
        return picked.flatMap((raw, index) => (nodes[index] === undefined ? [] : [{ raw, node: nodes[index]! }]));
      }),
    count: () =>
      db.transaction(scope, (em) => fromSource(em).select('CAST(items.grp AS text)', 'grp').addSelect('COUNT(*)', 'count').groupBy('items.grp').getRawMany()),
  });
}

type PickedRow = Record<string, unknown> & { cellgraph_grp: string; cellgraph_count?: string };

/** Splits the rows read for every group into one connection per group, counting each group from its first page or, after a cursor, with `count` (only if selected). */
async function pagesOfGroups<T>(
  groups: readonly string[],
  args: ConnectionArgs,
  sort: SortKey[],
  query: {
    read: (page: PageRequest) => Promise<{ raw: PickedRow; node: T }[]>;
    count: () => Promise<{ grp: string; count: string }[]>;
  },
): Promise<Connection<T>[]> {
  const page = pageRequest(args);
  const rowsByGroup = new Map<string, KeyedRow<T>[]>(groups.map((group) => [group, []]));
  const counted = new Map<string, number>();
  const countInPage = page.cursor === null;
  if (page.size > 0 && groups.length > 0) {
    for (const { raw, node } of await query.read(page)) {
      rowsByGroup.get(raw.cellgraph_grp)?.push({ node, keys: cursorValuesOf(raw, sort) });
      if (raw.cellgraph_count !== undefined) counted.set(raw.cellgraph_grp, Number(raw.cellgraph_count));
    }
  }
  let counts: Promise<Map<string, number>> | undefined;
  const countAll = () => (counts ??= query.count().then((rows) => new Map(rows.map((row) => [row.grp, Number(row.count)]))));
  // A first page that was read counted every group it asked for (a group without rows has none).
  const countOf = async (group: string) => (countInPage && page.size > 0 ? (counted.get(group) ?? 0) : ((await countAll()).get(group) ?? 0));
  return groups.map((group) => toConnection(rowsByGroup.get(group) ?? [], page, sort, () => countOf(group)));
}

/**
 * The page of each group in one statement: `ranked` (the rows of every group, filtered) is cut after
 * the cursor, ranked within its group in the page's order, and the outer query keeps size + 1 rows
 * per group, with `columns` ([expression, alias]; an empty alias keeps the expression's names), the
 * group (cellgraph_grp), the cursor values and, on a first page, each group's count.
 */
async function pickGroupPages(
  em: EntityManager,
  ranked: SelectQueryBuilder<ObjectLiteral>,
  groupExpression: string,
  columns: [string, string][],
  sort: SortKey[],
  page: PageRequest,
): Promise<PickedRow[]> {
  applyCursor(ranked, sort, page);
  const order = orderTerms(sort, page.forward)
    .map(({ path, direction, nulls }) => `${path} ${direction} ${nulls}`)
    .join(', ');
  ranked
    .select(`CAST(${groupExpression} AS text)`, 'cellgraph_grp')
    .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${groupExpression} ORDER BY ${order})`, 'cellgraph_rn');
  for (const [expression, name] of columns) ranked.addSelect(expression, name || undefined);
  if (page.cursor === null) ranked.addSelect(`COUNT(*) OVER (PARTITION BY ${groupExpression})`, 'cellgraph_count');
  selectCursorValues(ranked, sort);
  return em
    .createQueryBuilder()
    .select('ranked.*')
    .from(`(${ranked.getQuery()})`, 'ranked')
    .setParameters(ranked.getParameters())
    .where('ranked.cellgraph_rn <= :cellgraphLimit', { cellgraphLimit: page.size + 1 })
    .orderBy('ranked.cellgraph_grp')
    .addOrderBy('ranked.cellgraph_rn')
    .getRawMany();
}

/** A stable key for field arguments (key order does not matter), to name a per-arguments DataLoader. */
export function argumentsKey(args: unknown): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
