import { GraphQLCurrencyCode, GraphQLLocalDate, Money } from '@cellgraph/kernel';
import { Field, Int, ObjectType } from 'type-graphql';
import { ExpenseCategory } from '../expense/expense.entity.js';

@ObjectType({ description: 'What was invoiced and collected in one month (UTC) in one currency.' })
export class FinanceRevenueMonth {
  @Field(() => GraphQLLocalDate, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  @Field(() => Money, { description: 'Σ totals of the invoices issued that month (not DRAFT, not VOID).' })
  invoiced!: Money;

  @Field(() => Int, { description: 'How many invoices.' })
  invoiceCount!: number;

  @Field(() => Money, {
    description: 'Cash collected that month: completed payments − completed refunds, by the day the money moved (credit notes are not cash).',
  })
  collected!: Money;
}

@ObjectType({ description: 'Profit and loss over a period in one currency (cash basis).' })
export class FinanceProfitAndLoss {
  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  @Field(() => Money, { description: 'Collected: completed payments − completed refunds in the period.' })
  revenue!: Money;

  @Field(() => Money, { description: 'Approved and reimbursed expenses dated in the period.' })
  expenses!: Money;

  @Field(() => Money, { description: 'revenue − expenses.' })
  net!: Money;
}

@ObjectType({ description: 'Accounts receivable in one currency: the amount due of open invoices by days past their due date.' })
export class FinanceArAging {
  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  @Field(() => Money, { description: 'Not yet due (due on or after the day).' })
  current!: Money;

  @Field(() => Money, { description: '1 to 30 days past due.' })
  days1To30!: Money;

  @Field(() => Money, { description: '31 to 60 days past due.' })
  days31To60!: Money;

  @Field(() => Money, { description: '61 to 90 days past due.' })
  days61To90!: Money;

  @Field(() => Money, { description: 'More than 90 days past due.' })
  over90!: Money;

  @Field(() => Money, { description: 'Σ of the buckets.' })
  total!: Money;

  @Field(() => Int, { description: 'How many open invoices.' })
  invoiceCount!: number;
}

@ObjectType({ description: 'Approved and reimbursed expenses of one category in one currency.' })
export class FinanceExpenseCategory {
  @Field(() => ExpenseCategory)
  category!: ExpenseCategory;

  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Int, { description: 'How many expenses.' })
  expenseCount!: number;
}
