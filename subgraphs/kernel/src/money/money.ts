import type Big from 'big.js';
import { Directive, Field, ObjectType } from 'type-graphql';
import { GraphQLCurrencyCode } from './currency.js';
import { formatAmount, GraphQLDecimal } from './decimal.js';

/** An amount of money in one currency. */
@ObjectType({ description: 'An amount in one currency.' })
@Directive('@shareable')
export class Money {
  @Field(() => GraphQLDecimal, { description: 'Exact amount with the currency’s minor units, e.g. "1250.50".' })
  amount!: string;

  @Field(() => GraphQLCurrencyCode)
  currencyCode!: string;

  static of(amount: string | Big, currencyCode: string): Money {
    return Object.assign(new Money(), { amount: formatAmount(amount, currencyCode), currencyCode });
  }
}
