import {
  ConnectionArgs,
  ConnectionType,
  DateComparator,
  DateTimeComparator,
  DecimalComparator,
  DeletePayload,
  EnumComparator,
  GraphQLCurrencyCode,
  GraphQLDecimal,
  Money,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  IntComparator,
  OrderDirection,
  StringComparator,
  TagComparator,
  UserError,
} from '@cellgraph/kernel';
import { GraphQLJSONObject, GraphQLLocalDate } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Deal, DealStatus } from './deal.entity.js';

@InputType({ description: 'A deal goes to `stageId`, or to the first stage of `pipelineId`.' })
export class DealCreateInput {
  @Field(() => ID) contactId!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true }) pipelineId?: string | null;
  @Field(() => ID, { nullable: true }) stageId?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Defaults to "0".' }) value?: string | null;
  @Field(() => GraphQLCurrencyCode, { nullable: true, description: 'Defaults to USD.' }) currencyCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'Overrides the stage’s probability.' }) probability?: number | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) expectedCloseDate?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to you.' }) ownerId?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown> | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared. To change the stage, use dealMove.' })
export class DealUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => ID, { nullable: true, description: 'Move the deal to another contact.' }) contactId?: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) value?: string | null;
  @Field(() => GraphQLCurrencyCode, { nullable: true }) currencyCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'null: follow the stage’s probability again.' }) probability?: number | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) expectedCloseDate?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only for a deal in a closed-lost stage.' }) lostReason?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the custom data.' }) metadata?: Record<string, unknown> | null;
}

@InputType({
  description: 'Moves a deal to a stage (of its pipeline or another deal pipeline). Its probability follows the stage unless `probability` is given.',
})
export class DealMoveInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) stageId!: string;
  @Field(() => Int, { nullable: true }) probability?: number | null;
  @Field(() => String, { nullable: true, description: 'Why the deal was lost (closed-lost stages only).' }) lostReason?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Actual close date when the stage is closed; defaults to today (UTC).' }) closeDate?:
    string | null;
}

export const DealDeleteInput = IdInput('DealDeleteInput');
export const DealRestoreInput = IdInput('DealRestoreInput');

@ObjectType()
export class DealPayload {
  @Field(() => Deal, { nullable: true }) deal?: Deal;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const DealDeletePayload = DeletePayload('DealDeletePayload', 'deletedDealId', 'Id of the deal moved to the trash.');

const DealStatusComparator = EnumComparator(DealStatus, 'DealStatus');

@InputType({ description: 'Conditions on deals; fields combine with AND.' })
export class DealFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => DealStatusComparator, { nullable: true }) status?: InstanceType<typeof DealStatusComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'Pipeline ids.' }) pipeline?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'PipelineStage ids.' }) stage?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'Contact ids.' }) contact?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The owner (User ids).' }) owner?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true, description: 'ISO 4217 code.' }) currencyCode?: StringComparator | null;
  @Field(() => DecimalComparator, { nullable: true }) value?: DecimalComparator | null;
  @Field(() => IntComparator, { nullable: true }) probability?: IntComparator | null;
  @Field(() => DateComparator, { nullable: true }) expectedCloseDate?: DateComparator | null;
  @Field(() => DateComparator, { nullable: true }) actualCloseDate?: DateComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => TagComparator, { nullable: true }) tags?: TagComparator | null;
  @Field(() => [DealFilter], { nullable: true }) and?: DealFilter[] | null;
  @Field(() => [DealFilter], { nullable: true }) or?: DealFilter[] | null;
  @Field(() => DealFilter, { nullable: true }) not?: DealFilter | null;
}

export enum DealOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  VALUE = 'value',
  PROBABILITY = 'probability',
  EXPECTED_CLOSE_DATE = 'expectedCloseDate',
  TITLE = 'title',
}
registerEnumType(DealOrderField, { name: 'DealOrderField', valuesConfig: { VALUE: { description: 'The amount, whatever the currency.' } } });

@InputType()
export class DealOrder {
  @Field(() => DealOrderField) field!: DealOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
}

@ArgsType()
export class DealsArgs extends ConnectionArgs {
  @Field(() => DealFilter, { nullable: true }) filter?: DealFilter | null;
  @Field(() => [DealOrder], { nullable: true, description: 'Default: newest first.' }) orderBy?: DealOrder[] | null;
}

export const DealConnection = ConnectionType(Deal, 'Deal');

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
