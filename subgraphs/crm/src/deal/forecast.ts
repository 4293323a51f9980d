import { type AggregateAccess, type Database, fromGlobalId, invalidInput, Money, type RequestContext, text } from '@cellgraph/kernel';
import type { Deal } from './deal.entity.js';
import { CurrencyForecast, DealForecast, StageForecast } from './deal.inputs.js';
import { crmErrorTexts } from '../messages.js';

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

/** The forecast's arguments as the client gave them (global ids). */
export interface ForecastArgs {
  pipelineId?: string | null;
  ownerId?: string | null;
  timezone: string;
}

const isTimeZone = (zone: string) => {
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
    /** The deals' access (DealService.access): which deals the caller reads. */
    private readonly deals: AggregateAccess<Deal>,
  ) {}

  async forecast(request: RequestContext, args: ForecastArgs): Promise<DealForecast> {
    if (!isTimeZone(args.timezone)) throw invalidInput(text(crmErrorTexts.unknownTimeZone, { timezone: args.timezone }), { argument: 'timezone' });
    const filter = {
      pipelineId: args.pipelineId ? fromGlobalId('Pipeline', args.pipelineId, 'pipelineId') : null,
      ownerId: args.ownerId ? fromGlobalId('User', args.ownerId, 'ownerId') : null,
      timezone: args.timezone,
    };
    const readable = await this.deals.readableIds(request);
    const conditions = ['d.deleted_at IS NULL'];
    const params: unknown[] = [filter.timezone];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.pipelineId) conditions.push(`d.pipeline_id = ${param(filter.pipelineId)}`);
    if (filter.ownerId) conditions.push(`d.owner_id = ${param(filter.ownerId)}`);
    if (readable) conditions.push(`d.id = ANY(${param(readable)}::uuid[])`);
    return this.db.transaction(request, async (em) => {
      const [{ month }] = (await em.query(`SELECT to_char(date_trunc('month', now() AT TIME ZONE $1), 'YYYY-MM-DD') AS month`, [filter.timezone])) as [
        { month: string },
      ];
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
          currencies.set(
            row.currency,
            Object.assign(new CurrencyForecast(), {
              currencyCode: row.currency,
              openDeals: row.open_deals,
              totalValue: money(row.open_total, row.currency),
              weightedValue: money(row.open_weighted, row.currency),
              expectedThisMonth: money(row.month_total, row.currency),
              weightedThisMonth: money(row.month_weighted, row.currency),
              wonThisMonth: money(row.won_total, row.currency),
              wonDealsThisMonth: row.won_deals,
              byStage: [],
            }),
          );
        } else if (row.open_deals > 0) {
          currencies.get(row.currency)!.byStage.push(
            Object.assign(new StageForecast(), {
              stageId: row.stage_id,
              deals: row.open_deals,
              value: money(row.open_total, row.currency),
              weightedValue: money(row.open_weighted, row.currency),
            }),
          );
        }
      }
      return Object.assign(new DealForecast(), { month, timezone: filter.timezone, currencies: [...currencies.values()] });
    });
  }
}
