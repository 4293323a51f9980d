import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { SavedSearch } from './saved-search.entity.js';

@InputType()
export class SavedSearchCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field({ description: 'What is searched: 1 to 200 characters.' })
  query!: string;

  @Field(() => [String], { nullable: true, description: 'Node type names to search; empty or absent: every type.' })
  types?: string[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class SavedSearchUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  query?: string | null;

  @Field(() => [String], { nullable: true })
  types?: string[] | null;
}

export const SavedSearchDeleteInput = IdInput('SavedSearchDeleteInput');
export const SavedSearchRestoreInput = IdInput('SavedSearchRestoreInput');

@ObjectType()
export class SavedSearchPayload {
  @Field(() => SavedSearch, { nullable: true })
  savedSearch?: SavedSearch;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const SavedSearchDeletePayload = DeletePayload('SavedSearchDeletePayload', 'deletedSavedSearchId', 'Id of the saved search moved to the trash.');

@InputType({ description: 'Conditions on saved searches; fields combine with AND.' })
export class SavedSearchFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [SavedSearchFilter], { nullable: true }) and?: SavedSearchFilter[] | null;
  @Field(() => [SavedSearchFilter], { nullable: true }) or?: SavedSearchFilter[] | null;
  @Field(() => SavedSearchFilter, { nullable: true }) not?: SavedSearchFilter | null;
}

export enum SavedSearchOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(SavedSearchOrderField, { name: 'SavedSearchOrderField' });

@InputType()
export class SavedSearchOrder {
  @Field(() => SavedSearchOrderField)
  field!: SavedSearchOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class SavedSearchesArgs extends ConnectionArgs {
  @Field(() => SavedSearchFilter, { nullable: true })
  filter?: SavedSearchFilter | null;

  @Field(() => [SavedSearchOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: SavedSearchOrder[] | null;
}

export const SavedSearchConnection = ConnectionType(SavedSearch, 'SavedSearch');
