import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Database, WorkScope } from '../db/database.js';
import type { Connection, ConnectionArgs } from './connection-types.js';
import { applyCursor, cursorValuesOf, orderTerms, pageRequest, selectCursorValues, toConnection, type KeyedRow, type SortKey } from './paginate.js';

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
  const page = pageRequest(args);
  const rowsByGroup = new Map<string, KeyedRow<T>[]>(groups.map((group) => [group, []]));
  const counted = new Map<string, number>();
  const countInPage = page.cursor === null;
  if (page.size > 0 && groups.length > 0) {
    await db.transaction(scope, async (em) => {
      const metadata = em.connection.getMetadata(entity);
      const ranked = build(em).andWhere(`${groupPath} IN (:...cellgraphGroups)`, { cellgraphGroups: [...groups] });
      applyCursor(ranked, sort, page);
      const order = orderTerms(sort, page.forward)
        .map(({ path, direction, nulls }) => `${path} ${direction} ${nulls}`)
        .join(', ');
      // The entity's columns, each under a name of our own (cellgraph_c<i>), hydrated below.
      ranked.select(`CAST(${groupPath} AS text)`, 'grp').addSelect(`ROW_NUMBER() OVER (PARTITION BY ${groupPath} ORDER BY ${order})`, 'rn');
      metadata.columns.forEach((column, index) => ranked.addSelect(`${alias}.${column.propertyPath}`, `cellgraph_c${index}`));
      if (countInPage) ranked.addSelect(`COUNT(*) OVER (PARTITION BY ${groupPath})`, 'cellgraph_count');
      selectCursorValues(ranked, sort);
      const pickedQuery = em
        .createQueryBuilder()
        .select('ranked.*')
        .from(`(${ranked.getQuery()})`, 'ranked')
        .setParameters(ranked.getParameters())
        .where('ranked.rn <= :cellgraphLimit', { cellgraphLimit: page.size + 1 })
        .orderBy('ranked.grp')
        .addOrderBy('ranked.rn');
      const picked: ({ grp: string; cellgraph_count?: string } & Record<string, unknown>)[] = await pickedQuery.getRawMany();
      for (const raw of picked) {
        const node = metadata.create() as T;
        metadata.columns.forEach((column, index) => column.setEntityValue(node, em.connection.driver.prepareHydratedValue(raw[`cellgraph_c${index}`], column)));
        rowsByGroup.get(raw.grp)?.push({ node, keys: cursorValuesOf(raw, sort) });
        if (raw.cellgraph_count !== undefined) counted.set(raw.grp, Number(raw.cellgraph_count));
      }
    });
  }

  let counts: Promise<Map<string, number>> | undefined;
  const countAll = () =>
    (counts ??= db.transaction(scope, async (em) => {
      const rows: { grp: string; count: string }[] = await build(em)
        .andWhere(`${groupPath} IN (:...cellgraphGroups)`, { cellgraphGroups: [...groups] })
        .select(groupPath, 'grp')
        .addSelect('COUNT(*)', 'count')
        .groupBy(groupPath)
        .getRawMany();
      return new Map(rows.map((row) => [row.grp, Number(row.count)]));
    }));
  // A first page that was read counted every group it asked for (a group without rows has none).
  const countOf = async (group: string) => (countInPage && page.size > 0 ? (counted.get(group) ?? 0) : ((await countAll()).get(group) ?? 0));

  return groups.map((group) => toConnection(rowsByGroup.get(group) ?? [], page, sort, () => countOf(group)));
}

/** A stable key for field arguments (key order does not matter), to name a per-arguments DataLoader. */
export function argumentsKey(args: unknown): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
