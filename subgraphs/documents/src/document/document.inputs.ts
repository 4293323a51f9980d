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
import { Document } from './document.entity.js';

@InputType()
export class DocumentCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class DocumentUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

export const DocumentDeleteInput = IdInput('DocumentDeleteInput');
export const DocumentRestoreInput = IdInput('DocumentRestoreInput');

@ObjectType()
export class DocumentPayload {
  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const DocumentDeletePayload = DeletePayload('DocumentDeletePayload', 'deletedDocumentId', 'Id of the document moved to the trash.');

@InputType({ description: 'Conditions on documents; fields combine with AND.' })
export class DocumentFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [DocumentFilter], { nullable: true }) and?: DocumentFilter[] | null;
  @Field(() => [DocumentFilter], { nullable: true }) or?: DocumentFilter[] | null;
  @Field(() => DocumentFilter, { nullable: true }) not?: DocumentFilter | null;
}

export enum DocumentOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(DocumentOrderField, { name: 'DocumentOrderField' });

@InputType()
export class DocumentOrder {
  @Field(() => DocumentOrderField)
  field!: DocumentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class DocumentsArgs extends ConnectionArgs {
  @Field(() => DocumentFilter, { nullable: true })
  filter?: DocumentFilter | null;

  @Field(() => [DocumentOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: DocumentOrder[] | null;
}

export const DocumentConnection = ConnectionType(Document, 'Document');
