import { type Authorizer, type Database, GraphQLLocalDate, Money, type RequestContext, requireOrgId } from '@cellgraph/kernel';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Open deals of one stage, in one currency.' })
export class StageForecast {
  stageId!: string;
  @Field(() => Int) deals!: number;
  @Field(() => Money) value!: Money;
  @Field(() => Money, { description: 'Σ value × probability.' }) weightedValue!: Money;
}

@ObjectType({ description: 'The forecast of one currency (amounts are never converted between currencies).' })
export class CurrencyForecast {
  @Field() currencyCode!: string;
  @Field(() => Int, { description: 'Deals in open stages.' }) openDeals!: number;
  @Field(() => Money, { description: 'Σ value of open deals: the pipeline.' }) totalValue!: Money;
  @Field(() => Money, { description: 'Σ value × probability of open deals.' }) weightedValue!: Money;
  @Field(() => Money, { description: 'Σ value of open deals expected to close this month.' }) expectedThisMonth!: Money;
  @Field(() => Money, { description: 'Σ value × probability of open deals expected to close this month.' }) weightedThisMonth!: Money;
  @Field(() => Money, { description: 'Σ value of deals won this month.' }) wonThisMonth!: Money;
  @Field(() => Int) wonDealsThisMonth!: number;
  @Field(() => [StageForecast], { description: 'The open stages holding deals, in pipeline order.' }) byStage!: StageForecast[];
}

@ObjectType({ description: 'Where the pipeline stands. Every figure is an exact sum rounded once, half up, to the currency’s minor unit.' })
export class DealForecast {
  @Field(() => GraphQLLocalDate, { description: 'First day of "this month" in the requested time zone.' }) month!: string;
  @Field() timezone!: string;
  @Field(() => [CurrencyForecast]) currencies!: CurrencyForecast[];
}

interface ForecastRow {
  currency: string;
  stage_id: string | null;
  position: string | null;
  open_deals: number;
  open_total: string | null;
  open_weighted: string | null;
  month_total: string | null;
  month_weighted: string | null;
  won_total: string | null;
  won_deals: number;
}

export interface ForecastScope {
  pipelineId?: string | null;
  ownerId?: string | null;
  timezone: string;
}

export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * The deal forecast, computed by Postgres on numeric values (never floats): one statement with
 * grouping sets gives each currency's totals and each open stage's. Only deals the caller may
 * read count.
 */
export class ForecastService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {}

  async forecast(request: RequestContext, scope: ForecastScope): Promise<DealForecast> {
    requireOrgId(request);
    const readable = await this.authz.readableIds(request, 'Deal');
    const conditions = ['d.deleted_at IS NULL'];
    const params: unknown[] = [scope.timezone];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (scope.pipelineId) conditions.push(`d.pipeline_id = ${param(scope.pipelineId)}`);
    if (scope.ownerId) conditions.push(`d.owner_id = ${param(scope.ownerId)}`);
    if (readable) conditions.push(`d.id = ANY(${param(readable)}::uuid[])`);
    return this.db.transaction(async (em) => {
      const [{ month }] = (await em.query(`SELECT to_char(date_trunc('month', now() AT TIME ZONE $1), 'YYYY-MM-DD') AS month`, [scope.timezone])) as [{ month: string }];
      const rows: ForecastRow[] = await em.query(
        `WITH deals AS (
           SELECT d.currency, d.stage_id, s.position, s.closed, s.won, d.value, d.probability, d.expected_close_date, d.actual_close_date
             FROM crm.deals d JOIN crm.pipeline_stages s ON s.id = d.stage_id
            WHERE ${conditions.join(' AND ')}
         ), month AS (
           SELECT date_trunc('month', now() AT TIME ZONE $1)::date AS first, (date_trunc('month', now() AT TIME ZONE $1) + interval '1 month')::date AS next
         )
         SELECT currency, stage_id, min(position) AS position,
                count(*) FILTER (WHERE NOT closed)::int AS open_deals,
                sum(value) FILTER (WHERE NOT closed)::text AS open_total,
                (sum(value * probability) FILTER (WHERE NOT closed) / 100)::text AS open_weighted,
                sum(value) FILTER (WHERE NOT closed AND expected_close_date >= month.first AND expected_close_date < month.next)::text AS month_total,
                (sum(value * probability) FILTER (WHERE NOT closed AND expected_close_date >= month.first AND expected_close_date < month.next) / 100)::text AS month_weighted,
                sum(value) FILTER (WHERE won AND actual_close_date >= month.first AND actual_close_date < month.next)::text AS won_total,
                count(*) FILTER (WHERE won AND actual_close_date >= month.first AND actual_close_date < month.next)::int AS won_deals
           FROM deals, month
          GROUP BY GROUPING SETS ((currency), (currency, stage_id))
          ORDER BY currency, GROUPING(stage_id) DESC, min(position)`,
        params,
      );
      const currencies = new Map<string, CurrencyForecast>();
      const money = (amount: string | null, currency: string) => Money.of(amount ?? '0', currency);
      for (const row of rows) {
        if (row.stage_id === null) {
          currencies.set(row.currency, Object.assign(new CurrencyForecast(), {
            currencyCode: row.currency,
            openDeals: row.open_deals,
            totalValue: money(row.open_total, row.currency),
            weightedValue: money(row.open_weighted, row.currency),
            expectedThisMonth: money(row.month_total, row.currency),
            weightedThisMonth: money(row.month_weighted, row.currency),
            wonThisMonth: money(row.won_total, row.currency),
            wonDealsThisMonth: row.won_deals,
            byStage: [],
          }));
        } else if (row.open_deals > 0) {
          currencies.get(row.currency)!.byStage.push(
            Object.assign(new StageForecast(), { stageId: row.stage_id, deals: row.open_deals, value: money(row.open_total, row.currency), weightedValue: money(row.open_weighted, row.currency) }),
          );
        }
      }
      return Object.assign(new DealForecast(), { month, timezone: scope.timezone, currencies: [...currencies.values()] });
    });
  }
}
