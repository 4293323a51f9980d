import { In, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
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
 * One page per group (e.g. the assigned tasks of each of 100 users) in a constant number of
 * statements: a window query ranks the ids within each group and keeps size + 1 per group, one
 * query loads those rows, and the counts of every group come from one GROUP BY, only if selected.
 * Meant to be called from a DataLoader whose keys are the groups.
 */
export async function paginateGroups<T extends ObjectLiteral>(options: GroupedPageOptions<T>, groups: readonly string[]): Promise<Connection<T>[]> {
  const { db, scope, entity, build, alias, groupPath, idProperty, sort, args } = options;
  const idPath = `${alias}.${idProperty}`;
  const page = pageRequest(args);
  const rowsByGroup = new Map<string, KeyedRow<T>[]>(groups.map((group) => [group, []]));
  if (page.size > 0 && groups.length > 0) {
    await db.transaction(scope, async (em) => {
      const ranked = build(em).andWhere(`${groupPath} IN (:...cellgraphGroups)`, { cellgraphGroups: [...groups] });
      applyCursor(ranked, sort, page);
      const order = orderTerms(sort, page.forward)
        .map(({ path, direction, nulls }) => `${path} ${direction} ${nulls}`)
        .join(', ');
      ranked.select(idPath, 'id').addSelect(groupPath, 'grp').addSelect(`ROW_NUMBER() OVER (PARTITION BY ${groupPath} ORDER BY ${order})`, 'rn');
      selectCursorValues(ranked, sort);
      const pickedQuery = em
        .createQueryBuilder()
        .select('ranked.id', 'id')
        .addSelect('ranked.grp', 'grp')
        .from(`(${ranked.getQuery()})`, 'ranked')
        .setParameters(ranked.getParameters())
        .where('ranked.rn <= :cellgraphLimit', { cellgraphLimit: page.size + 1 })
        .orderBy('ranked.grp')
        .addOrderBy('ranked.rn');
      selectCursorValues(pickedQuery, sort, 'ranked');
      const picked: ({ id: string; grp: string } & Record<string, unknown>)[] = await pickedQuery.getRawMany();
      if (picked.length === 0) return;
      const rows = await em.getRepository(entity).findBy({ [idProperty]: In(picked.map((p) => p.id)) } as FindOptionsWhere<T>);
      const byId = new Map(rows.map((row) => [String(row[idProperty]), row]));
      for (const raw of picked) {
        const node = byId.get(raw.id);
        if (node) rowsByGroup.get(raw.grp)?.push({ node, keys: cursorValuesOf(raw, sort) });
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

  return groups.map((group) => toConnection(rowsByGroup.get(group) ?? [], page, sort, async () => (await countAll()).get(group) ?? 0));
}

/** A stable key for field arguments (key order does not matter), to name a per-arguments DataLoader. */
export function argumentsKey(args: unknown): string {
  return JSON.stringify(args, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
