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
import { Invoice } from './invoice.entity.js';

@InputType()
export class InvoiceCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class InvoiceUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

export const InvoiceDeleteInput = IdInput('InvoiceDeleteInput');
export const InvoiceRestoreInput = IdInput('InvoiceRestoreInput');

@ObjectType()
export class InvoicePayload {
  @Field(() => Invoice, { nullable: true })
  invoice?: Invoice;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const InvoiceDeletePayload = DeletePayload('InvoiceDeletePayload', 'deletedInvoiceId', 'Id of the invoice moved to the trash.');

@InputType({ description: 'Conditions on invoices; fields combine with AND.' })
export class InvoiceFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [InvoiceFilter], { nullable: true }) and?: InvoiceFilter[] | null;
  @Field(() => [InvoiceFilter], { nullable: true }) or?: InvoiceFilter[] | null;
  @Field(() => InvoiceFilter, { nullable: true }) not?: InvoiceFilter | null;
}

export enum InvoiceOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(InvoiceOrderField, { name: 'InvoiceOrderField' });

@InputType()
export class InvoiceOrder {
  @Field(() => InvoiceOrderField)
  field!: InvoiceOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class InvoicesArgs extends ConnectionArgs {
  @Field(() => InvoiceFilter, { nullable: true })
  filter?: InvoiceFilter | null;

  @Field(() => [InvoiceOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: InvoiceOrder[] | null;
}

export const InvoiceConnection = ConnectionType(Invoice, 'Invoice');
