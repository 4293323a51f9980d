import {
  BooleanComparator,
  ConnectionArgs,
  ConnectionType,
  DateComparator,
  DateTimeComparator,
  DeletePayload,
  EnumComparator,
  GraphQLLocalDate,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Deliverable, DeliverableFrequency } from './deliverable.entity.js';

@InputType()
export class DeliverableCreateInput {
  @Field(() => ID, { description: 'A signed document of type CONTRACT or SOW.' }) documentId!: string;
  @Field({ description: '1 to 200 characters.' }) title!: string;
  @Field(() => Int, { description: '1 to 100,000.' }) quantity!: number;
  @Field(() => DeliverableFrequency) frequency!: DeliverableFrequency;
  @Field(() => String, { nullable: true, description: 'Up to 100 characters.' }) platform?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default: the day the contract was signed.' }) startDate?: string | null;
  @Field(() => GraphQLLocalDate, { description: 'Not before the start date, at most 10 years after it.' }) dueDate!: string;
  @Field(() => ID, { nullable: true, description: 'A member of the organization; default: you.' }) ownerId?: string | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; platform set to null is cleared.' })
export class DeliverableUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Int, { nullable: true }) quantity?: number | null;
  @Field(() => DeliverableFrequency, { nullable: true }) frequency?: DeliverableFrequency | null;
  @Field(() => String, { nullable: true }) platform?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) dueDate?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
}

@InputType()
export class DeliverableProgressRecordInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'How many items are done now (0 to the quantity).' }) progress!: number;
}

export const DeliverableDeleteInput = IdInput('DeliverableDeleteInput');

@ObjectType()
export class DeliverablePayload {
  @Field(() => Deliverable, { nullable: true }) deliverable?: Deliverable;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const DeliverableDeletePayload = DeletePayload('DeliverableDeletePayload', 'deletedDeliverableId', 'Id of the deleted deliverable.');

const DeliverableFrequencyComparator = EnumComparator(DeliverableFrequency, 'DeliverableFrequency');

@InputType({ description: 'Conditions on deliverables; fields combine with AND.' })
export class DeliverableFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => DeliverableFrequencyComparator, { nullable: true }) frequency?: unknown;
  @Field(() => StringComparator, { nullable: true }) platform?: StringComparator | null;
  @Field(() => BooleanComparator, { nullable: true }) onTrack?: BooleanComparator | null;
  @Field(() => DateComparator, { nullable: true }) dueDate?: DateComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The owner (User ids).' }) owner?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => [DeliverableFilter], { nullable: true }) and?: DeliverableFilter[] | null;
  @Field(() => [DeliverableFilter], { nullable: true }) or?: DeliverableFilter[] | null;
  @Field(() => DeliverableFilter, { nullable: true }) not?: DeliverableFilter | null;
}

export enum DeliverableOrderField {
  DUE_DATE = 'dueDate',
  CREATED_AT = 'createdAt',
  TITLE = 'title',
}
registerEnumType(DeliverableOrderField, { name: 'DeliverableOrderField' });

@InputType()
export class DeliverableOrder {
  @Field(() => DeliverableOrderField) field!: DeliverableOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
}

@ArgsType()
export class DeliverablesArgs extends ConnectionArgs {
  @Field(() => DeliverableFilter, { nullable: true }) filter?: DeliverableFilter | null;
  @Field(() => [DeliverableOrder], { nullable: true, description: 'Default: soonest due first.' }) orderBy?: DeliverableOrder[] | null;
}

export const DeliverableConnection = ConnectionType(Deliverable, 'Deliverable');
