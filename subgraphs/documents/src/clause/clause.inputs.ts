import {
  BooleanComparator,
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  IntComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Clause, ClauseVersion } from './clause.entity.js';

@InputType()
export class ClauseCreateInput {
  @Field({ description: '1 to 200 characters.' })
  title!: string;

  @Field({ description: '1 to 100 characters.' })
  category!: string;

  @Field({ description: 'HTML (sanitized as document content; at most 128 KiB).' })
  body!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  includeByDefault?: boolean | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged. A new body becomes a new version.' })
export class ClauseUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => Boolean, { nullable: true })
  includeByDefault?: boolean | null;
}

export const ClauseDeleteInput = IdInput('ClauseDeleteInput');
export const ClauseRestoreInput = IdInput('ClauseRestoreInput');

@ObjectType()
export class ClausePayload {
  @Field(() => Clause, { nullable: true })
  clause?: Clause;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const ClauseDeletePayload = DeletePayload('ClauseDeletePayload', 'deletedClauseId', 'Id of the clause moved to the trash.');

@InputType({ description: 'Conditions on clauses; fields combine with AND.' })
export class ClauseFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) category?: StringComparator | null;
  @Field(() => BooleanComparator, { nullable: true }) includeByDefault?: BooleanComparator | null;
  @Field(() => IntComparator, { nullable: true }) version?: IntComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [ClauseFilter], { nullable: true }) and?: ClauseFilter[] | null;
  @Field(() => [ClauseFilter], { nullable: true }) or?: ClauseFilter[] | null;
  @Field(() => ClauseFilter, { nullable: true }) not?: ClauseFilter | null;
}

export enum ClauseOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  TITLE = 'title',
  CATEGORY = 'category',
}
registerEnumType(ClauseOrderField, { name: 'ClauseOrderField' });

@InputType()
export class ClauseOrder {
  @Field(() => ClauseOrderField)
  field!: ClauseOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class ClausesArgs extends ConnectionArgs {
  @Field(() => ClauseFilter, { nullable: true })
  filter?: ClauseFilter | null;

  @Field(() => [ClauseOrder], { nullable: true, description: 'Default: by category, then title.' })
  orderBy?: ClauseOrder[] | null;
}

export const ClauseConnection = ConnectionType(Clause, 'Clause');
export const ClauseVersionConnection = ConnectionType(ClauseVersion, 'ClauseVersion');
