import type { SubgraphContext } from '@cellgraph/kernel';
import { GraphQLLocalDate } from '@cellgraph/kernel';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { FinanceServices } from '../services.js';
import { FinanceArAging, FinanceExpenseCategory, FinanceProfitAndLoss, FinanceRevenueMonth } from './report.types.js';

type Context = SubgraphContext<FinanceServices>;

/** Finance reports (owners and admins), computed by Postgres per currency; months in UTC. */
@Resolver()
export class ReportResolver {
  constructor(private readonly services: FinanceServices) {}

  @Query(() => [FinanceRevenueMonth], {
    nullable: true,
    description: 'Invoiced (by issue date) and collected (by payment date) per month (UTC) and currency, from `from` to `to` (inclusive).',
  })
  financeRevenue(
    @Arg('from', () => GraphQLLocalDate) from: string,
    @Arg('to', () => GraphQLLocalDate) to: string,
    @Ctx() context: Context,
  ): Promise<FinanceRevenueMonth[]> {
    return this.services.reports.revenue(context.request, from, to);
  }

  @Query(() => [FinanceArAging], {
    nullable: true,
    description: 'Accounts-receivable aging per currency on `asOf` (default today, UTC): current, 1–30, 31–60, 61–90, 90+ days past due.',
  })
  financeArAging(@Arg('asOf', () => GraphQLLocalDate, { nullable: true }) asOf: string | null, @Ctx() context: Context): Promise<FinanceArAging[]> {
    return this.services.reports.arAging(context.request, asOf ?? new Date().toISOString().slice(0, 10));
  }

  @Query(() => [FinanceExpenseCategory], {
    nullable: true,
    description: 'Approved and reimbursed expenses per category and currency, expense dates from `from` to `to` (inclusive).',
  })
  financeExpensesByCategory(
    @Arg('from', () => GraphQLLocalDate) from: string,
    @Arg('to', () => GraphQLLocalDate) to: string,
    @Ctx() context: Context,
  ): Promise<FinanceExpenseCategory[]> {
    return this.services.reports.expensesByCategory(context.request, from, to);
  }

  @Query(() => [FinanceProfitAndLoss], {
    nullable: true,
    description: 'Cash-basis profit and loss per currency from `from` to `to` (inclusive): collected − approved and reimbursed expenses.',
  })
  financeProfitAndLoss(
    @Arg('from', () => GraphQLLocalDate) from: string,
    @Arg('to', () => GraphQLLocalDate) to: string,
    @Ctx() context: Context,
  ): Promise<FinanceProfitAndLoss[]> {
    return this.services.reports.profitAndLoss(context.request, from, to);
  }
}
