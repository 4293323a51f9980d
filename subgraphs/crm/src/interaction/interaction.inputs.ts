import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  EnumComparator,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  UserError,
} from '@cellgraph/kernel';
import { GraphQLDateTimeISO, GraphQLJSONObject } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Interaction, InteractionDirection, InteractionType } from './interaction.entity.js';

@InputType({ description: 'Logs an e-mail, call, meeting, note or text message with a contact.' })
export class InteractionLogInput {
  @Field(() => ID) contactId!: string;
  @Field(() => ID, { nullable: true, description: 'A deal of the same contact it was about.' }) dealId?: string | null;
  @Field(() => InteractionType) type!: InteractionType;
  @Field(() => InteractionDirection, { nullable: true, description: 'Not for notes.' }) direction?: InteractionDirection | null;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => Int, { nullable: true }) durationSeconds?: number | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Defaults to now.' }) occurredAt?: Date | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown> | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class InteractionUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) dealId?: string | null;
  @Field(() => InteractionType, { nullable: true }) type?: InteractionType | null;
  @Field(() => InteractionDirection, { nullable: true }) direction?: InteractionDirection | null;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => Int, { nullable: true }) durationSeconds?: number | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) occurredAt?: Date | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown> | null;
}

export const InteractionDeleteInput = IdInput('InteractionDeleteInput');
export const InteractionRestoreInput = IdInput('InteractionRestoreInput');
export const InteractionDeletePayload = DeletePayload('InteractionDeletePayload', 'deletedInteractionId', 'Id of the interaction moved to the trash.');

@ObjectType()
export class InteractionPayload {
  @Field(() => Interaction, { nullable: true }) interaction?: Interaction;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const InteractionTypeComparator = EnumComparator(InteractionType, 'InteractionType');
const InteractionDirectionComparator = EnumComparator(InteractionDirection, 'InteractionDirection');

@InputType({ description: 'Conditions on interactions; fields combine with AND.' })
export class InteractionFilter {
  @Field(() => InteractionTypeComparator, { nullable: true }) type?: InstanceType<typeof InteractionTypeComparator> | null;
  @Field(() => InteractionDirectionComparator, { nullable: true }) direction?: InstanceType<typeof InteractionDirectionComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'Deal ids.' }) deal?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'Who logged it (User ids).' }) loggedBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) occurredAt?: DateTimeComparator | null;
  @Field(() => [InteractionFilter], { nullable: true }) and?: InteractionFilter[] | null;
  @Field(() => [InteractionFilter], { nullable: true }) or?: InteractionFilter[] | null;
  @Field(() => InteractionFilter, { nullable: true }) not?: InteractionFilter | null;
}

@ArgsType()
export class InteractionsArgs extends ConnectionArgs {
  @Field(() => InteractionFilter, { nullable: true }) filter?: InteractionFilter | null;
}

export const InteractionConnection = ConnectionType(Interaction, 'Interaction');
