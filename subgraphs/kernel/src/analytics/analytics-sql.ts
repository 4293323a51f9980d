import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput } from '../errors/coded-error.js';
import { toGlobalId } from '../ids/global-id.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** A column the rows are grouped by (`groupBy(dimension:)`). */
export interface AnalyticsDimension {
  /** Property path in the list's query, e.g. "task.status". */
  path: string;
  /** `id`: uuids reported as global ids of `idType`; `enum`: stored values reported by their GraphQL names in `enum`. */
  kind: 'enum' | 'id' | 'boolean' | 'string';
  idType?: string;
  /** The registered TypeScript enum of an `enum` column (e.g. TaskStatus: IN_PROGRESS = 'in_progress'). */
  enum?: Record<string, string>;
}

/** What one type offers to analytics: its dimensions, its dates (time series) and its numbers (sums). */
export interface AnalyticsSpec {
  dimensions: Record<string, AnalyticsDimension>;
  /** Dates by name: a timestamp's path (e.g. { createdAt: "task.createdAt" }), or a calendar date's (`date` column, no time zone). */
  dates: Record<string, string | { path: string; calendarDate: true }>;
  /** Numeric paths by name that `sum` adds up, e.g. { value: "deal.value" }. */
  measures?: Record<string, string>;
}

export type AnalyticsInterval = 'day' | 'week' | 'month';

export interface AnalyticsGroupRow {
  key: string | null;
  count: number;
  sum: string | null;
}

export interface AnalyticsBucketRow {
  start: Date;
  count: number;
  sum: string | null;
}

/** The most groups one `groupBy` returns (the largest first), and the most buckets of one time series. */
export const MAX_GROUPS = 100;
export const MAX_BUCKETS = 400;

/**
 * The list's own query (its filter and the caller's read restriction applied) as raw SQL with its
 * parameters, selecting `columns`: analytics count exactly the rows the list would page through.
 */
function sourceSql(query: SelectQueryBuilder<ObjectLiteral>, columns: Record<string, string>): [string, unknown[]] {
  const selected = query.select([]).orderBy();
  for (const [alias, path] of Object.entries(columns)) selected.addSelect(path, alias);
  return selected.getQueryAndParameters() as [string, unknown[]];
}

/** `$n` placeholders for values appended after the source query's own parameters. */
function appended(params: unknown[]) {
  return (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
}

export async function countRows(em: EntityManager, query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const [sql, params] = sourceSql(query, { one: '1' });
  const [row] = (await em.query(`SELECT count(*)::int AS count FROM (${sql}) source`, params)) as { count: number }[];
  return row?.count ?? 0;
}

/** Rows per value of `dimension` (nulls as one group), the largest groups first, with the sum of `measure`. */
export async function groupRows(
  em: EntityManager,
  query: SelectQueryBuilder<ObjectLiteral>,
  dimension: AnalyticsDimension,
  measure: string | undefined,
  limit: number,
): Promise<AnalyticsGroupRow[]> {
  const [sql, params] = sourceSql(query, { key: dimension.path, ...(measure ? { measure } : {}) });
  const bind = appended(params);
  const rows = (await em.query(
    `SELECT key::text AS key, count(*)::int AS count, ${measure ? 'trim_scale(sum(measure))::text' : 'NULL'} AS sum
       FROM (${sql}) source GROUP BY key ORDER BY count DESC, key ASC NULLS LAST LIMIT ${bind(limit)}`,
    params,
  )) as AnalyticsGroupRow[];
  return rows.map((row) => ({ ...row, key: row.key === null ? null : groupKey(dimension, row.key) }));
}

function groupKey(dimension: AnalyticsDimension, stored: string): string {
  if (dimension.kind === 'id') return toGlobalId(dimension.idType!, stored);
  if (dimension.kind === 'enum' && dimension.enum) return Object.keys(dimension.enum).find((name) => dimension.enum![name] === stored) ?? stored;
  return stored;
}

/**
 * Rows per `interval` of `datePath` in [from, to), in `timeZone` (a day or week starts at local
 * midnight; weeks start on Monday), every bucket present (zero when empty), oldest first.
 */
export async function timeSeriesRows(
  em: EntityManager,
  query: SelectQueryBuilder<ObjectLiteral>,
  date: AnalyticsSpec['dates'][string],
  range: { interval: AnalyticsInterval; from: Date; to: Date; timeZone: string },
  measure: string | undefined,
): Promise<AnalyticsBucketRow[]> {
  const { interval, from, to, timeZone } = range;
  if (!(from < to)) throw invalidInput(kernelMessages.fromBeforeTo, { argument: 'from' });
  const calendarDate = typeof date !== 'string';
  const [sql, params] = sourceSql(query, { at: calendarDate ? date.path : date, ...(measure ? { measure } : {}) });
  const bind = appended(params);
  const [tz, unit, start, end] = [bind(timeZone), bind(interval), bind(from), bind(to)];
  // Buckets are local times (timestamp without time zone) turned back into instants.
  const buckets = `generate_series(date_trunc(${unit}, ${start}::timestamptz AT TIME ZONE ${tz}),
                                   ${end}::timestamptz AT TIME ZONE ${tz} - interval '1 microsecond', ('1 ' || ${unit})::interval)`;
  const [{ count }] = (await em.query(`SELECT count(*)::int AS count FROM ${buckets}`, params)) as { count: number }[];
  if (count > MAX_BUCKETS) throw invalidInput(text(kernelMessages.tooManyBuckets, { max: MAX_BUCKETS, count, interval }), { argument: 'interval' });
  // A timestamp is an instant, seen at local time in the time zone; a calendar date is local already.
  const [local, inRange] = calendarDate
    ? [
        'source.at::timestamp',
        `source.at::timestamp >= ${start}::timestamptz AT TIME ZONE ${tz} AND source.at::timestamp < ${end}::timestamptz AT TIME ZONE ${tz}`,
      ]
    : [`source.at AT TIME ZONE ${tz}`, `source.at >= ${start}::timestamptz AND source.at < ${end}::timestamptz`];
  // Counted per local bucket first, then laid over every bucket of the range.
  return (await em.query(
    `WITH counted AS (
       SELECT date_trunc(${unit}, ${local}) AS local, count(*) AS count, ${measure ? 'sum(source.measure)' : 'NULL::numeric'} AS sum
         FROM (${sql}) source
        WHERE ${inRange}
        GROUP BY 1)
     SELECT bucket.local AT TIME ZONE ${tz} AS start, coalesce(counted.count, 0)::int AS count, trim_scale(counted.sum)::text AS sum
       FROM ${buckets} AS bucket(local) LEFT JOIN counted USING (local)
      ORDER BY bucket.local`,
    params,
  )) as AnalyticsBucketRow[];
}
