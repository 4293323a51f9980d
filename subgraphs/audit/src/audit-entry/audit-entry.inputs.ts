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
import { AuditEntry } from './audit-entry.entity.js';

@InputType()
export class AuditEntryCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class AuditEntryUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

export const AuditEntryDeleteInput = IdInput('AuditEntryDeleteInput');
export const AuditEntryRestoreInput = IdInput('AuditEntryRestoreInput');

@ObjectType()
export class AuditEntryPayload {
  @Field(() => AuditEntry, { nullable: true })
  auditEntry?: AuditEntry;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const AuditEntryDeletePayload = DeletePayload('AuditEntryDeletePayload', 'deletedAuditEntryId', 'Id of the audit entry moved to the trash.');

@InputType({ description: 'Conditions on audit entries; fields combine with AND.' })
export class AuditEntryFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [AuditEntryFilter], { nullable: true }) and?: AuditEntryFilter[] | null;
  @Field(() => [AuditEntryFilter], { nullable: true }) or?: AuditEntryFilter[] | null;
  @Field(() => AuditEntryFilter, { nullable: true }) not?: AuditEntryFilter | null;
}

export enum AuditEntryOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(AuditEntryOrderField, { name: 'AuditEntryOrderField' });

@InputType()
export class AuditEntryOrder {
  @Field(() => AuditEntryOrderField)
  field!: AuditEntryOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class AuditEntriesArgs extends ConnectionArgs {
  @Field(() => AuditEntryFilter, { nullable: true })
  filter?: AuditEntryFilter | null;

  @Field(() => [AuditEntryOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: AuditEntryOrder[] | null;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry');
