import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { requireOrgId } from '../context/guards.js';
import { principalOrgId, principalUserId, type RequestContext, type SubgraphContext } from '../context/request-context.js';
import type { Database } from '../db/database.js';
import { invalidInput } from '../errors/coded-error.js';
import { GraphQLDecimal } from '../money/decimal.js';
import { GraphQLDateTimeISO } from '../scalars/custom-scalars.js';
import type { SettingsReader } from '../settings/settings-reader.js';
import { countRows, groupRows, MAX_GROUPS, timeSeriesRows, type AnalyticsInterval, type AnalyticsSpec } from './analytics-sql.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

export enum AnalyticsIntervalValue {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(AnalyticsIntervalValue, { name: 'AnalyticsInterval', description: 'The length of a time series’ buckets (weeks start on Monday).' });

@ObjectType({ description: 'The rows sharing one value of a dimension.' })
@Directive('@shareable')
export class AnalyticsGroup {
  @Field(() => String, { nullable: true, description: 'The value: a global id for a reference, the enum value for an enum; null for rows without one.' })
  key!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'The exact sum of the measure asked for, without trailing zeros (null when none was asked for, or no row has one).',
  })
  sum!: string | null;
}

@ObjectType({ description: 'The rows of one interval of a time series.' })
@Directive('@shareable')
export class AnalyticsBucket {
  @Field(() => GraphQLDateTimeISO, { description: 'When the interval starts (local midnight in the series’ time zone).' })
  start!: Date;

  @Field(() => Int)
  count!: number;

  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'The exact sum of the measure asked for, without trailing zeros (null when none was asked for, or no row has one).',
  })
  sum!: string | null;
}

/** The caller's rows of one type, as its list would read them (its filter and read permissions applied). */
export interface AnalyticsSource {
  db: Database;
  query(em: EntityManager): SelectQueryBuilder<ObjectLiteral>;
}

export interface AnalyticsOptions<TServices, TFilter extends object> {
  /** The node type, e.g. "Task": names `TaskAnalytics` and its enums. */
  type: string;
  /** The root query field, e.g. "taskAnalytics". */
  field: string;
  description: string;
  /** The list's filter input (the same conditions as the list). */
  filter: ClassType<TFilter>;
  spec: AnalyticsSpec;
  source(services: TServices, request: RequestContext, filter: TFilter | null): AnalyticsSource | Promise<AnalyticsSource>;
  /** The cell's settings: a time series without `timeZone` is in the caller's (`profile.timeZone`), else UTC. */
  settings?(services: TServices): SettingsReader | undefined;
}

const DEFAULT_GROUPS = 20;
/** Identity's namespace of a user's preferences (time zone, locale). */
const PROFILE_NAMESPACE = 'profile';

/** SCREAMING_SNAKE enum values for camelCase names: { STATUS: "status", CREATED_AT: "createdAt" }. */
function enumOf(names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(), name]));
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The time zone asked for (an IANA name, or a coded error), else the caller's profile's, else UTC. */
async function seriesTimeZone(asked: string | null | undefined, settings: SettingsReader | undefined, request: RequestContext): Promise<string> {
  if (asked) {
    if (!isTimeZone(asked)) throw invalidInput(text(kernelMessages.unknownTimeZone, { timeZone: asked }), { argument: 'timeZone' });
    return asked;
  }
  const orgId = principalOrgId(request.principal);
  if (!settings?.namespace(PROFILE_NAMESPACE) || !orgId) return 'UTC';
  const profile = (await settings.read(orgId, principalUserId(request.principal), PROFILE_NAMESPACE)).values.timeZone;
  return typeof profile === 'string' && isTimeZone(profile) ? profile : 'UTC';
}

/**
 * `<field>(filter:)` → `<Type>Analytics { count, groupBy(dimension, sum, limit), timeSeries(date,
 * interval, from, to, timeZone, sum) }`, computed in Postgres over exactly the rows the type's list
 * returns for the same filter (the caller's read permissions included). A module declares the
 * dimensions, dates and measures; see the kernel README's "Analytics".
 */
export function analyticsResolver<TServices, TFilter extends object>(options: AnalyticsOptions<TServices, TFilter>): ClassType {
  const { spec } = options;
  const dimensions = enumOf(Object.keys(spec.dimensions));
  const dates = enumOf(Object.keys(spec.dates));
  const measures = spec.measures && Object.keys(spec.measures).length ? enumOf(Object.keys(spec.measures)) : null;
  registerEnumType(dimensions, { name: `${options.type}AnalyticsDimension` });
  registerEnumType(dates, { name: `${options.type}AnalyticsDate` });
  if (measures) registerEnumType(measures, { name: `${options.type}AnalyticsMeasure` });

  @ObjectType(`${options.type}Analytics`, { description: `Counts, groups and time series of ${options.type} objects you can read.` })
  class Analytics {
    filter!: TFilter | null;
  }

  type Context = SubgraphContext<TServices>;
  const withSource = async <T>(
    services: TServices,
    context: Context,
    root: Analytics,
    work: (em: EntityManager, query: SelectQueryBuilder<ObjectLiteral>) => Promise<T>,
  ) => {
    const source = await options.source(services, context.request, root.filter);
    return source.db.transaction(context.request, (em) => work(em, source.query(em)));
  };
  const measurePath = (measure: string | null | undefined) => (measure ? spec.measures![measure] : undefined);

  @ArgsType()
  class GroupByArgs {
    @Field(() => dimensions)
    dimension!: string;

    sum?: string | null;

    @Field(() => Int, { defaultValue: DEFAULT_GROUPS, description: `How many groups, the largest first (at most ${MAX_GROUPS}).` })
    limit!: number;
  }

  @ArgsType()
  class TimeSeriesArgs {
    @Field(() => dates)
    date!: string;

    @Field(() => AnalyticsIntervalValue)
    interval!: AnalyticsInterval;

    @Field(() => GraphQLDateTimeISO, { description: 'The first instant counted.' })
    from!: Date;

    @Field(() => GraphQLDateTimeISO, { description: 'The instant after the last one counted.' })
    to!: Date;

    @Field(() => String, { nullable: true, description: 'IANA time zone the intervals start in (default: your profile’s, else UTC).' })
    timeZone?: string | null;

    sum?: string | null;
  }

  // `sum:` exists only for types that declare measures (an enum cannot be empty).
  if (measures) {
    const sum = Field(() => measures, { nullable: true, description: 'Also add up this measure.' });
    sum(GroupByArgs.prototype, 'sum');
    sum(TimeSeriesArgs.prototype, 'sum');
  }

  @Resolver(() => Analytics)
  class AnalyticsResolver {
    constructor(private readonly services: TServices) {}

    @Query(() => Analytics, { name: options.field, nullable: true, description: options.description })
    analytics(@Arg('filter', () => options.filter, { nullable: true }) filter: TFilter | null, @Ctx() context: Context): Analytics {
      requireOrgId(context.request);
      return Object.assign(new Analytics(), { filter: filter ?? null });
    }

    @FieldResolver(() => Int, { description: 'How many rows match.' })
    count(@Root() root: Analytics, @Ctx() context: Context): Promise<number> {
      return withSource(this.services, context, root, (em, query) => countRows(em, query));
    }

    @FieldResolver(() => [AnalyticsGroup], { description: 'Rows per value of a dimension, the largest groups first.' })
    groupBy(@Root() root: Analytics, @Args(() => GroupByArgs) args: GroupByArgs, @Ctx() context: Context): Promise<AnalyticsGroup[]> {
      if (args.limit < 1 || args.limit > MAX_GROUPS) throw invalidInput(text(kernelMessages.groupLimitRange, { max: MAX_GROUPS }), { argument: 'limit' });
      const dimension = spec.dimensions[args.dimension]!;
      return withSource(this.services, context, root, (em, query) => groupRows(em, query, dimension, measurePath(args.sum), args.limit));
    }

    @FieldResolver(() => [AnalyticsBucket], {
      description: 'Rows per interval of a date in [from, to), every interval present (count 0 when empty), oldest first.',
    })
    async timeSeries(@Root() root: Analytics, @Args(() => TimeSeriesArgs) args: TimeSeriesArgs, @Ctx() context: Context): Promise<AnalyticsBucket[]> {
      const timeZone = await seriesTimeZone(args.timeZone, options.settings?.(this.services), context.request);
      const range = { interval: args.interval, from: args.from, to: args.to, timeZone };
      return withSource(this.services, context, root, (em, query) => timeSeriesRows(em, query, spec.dates[args.date]!, range, measurePath(args.sum)));
    }
  }

  return AnalyticsResolver;
}
