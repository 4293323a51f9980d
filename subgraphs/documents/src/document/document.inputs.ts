import {
  ConnectionArgs,
  DateTimeComparator,
  DeletePayload,
  EnumComparator,
  GraphQLDateTimeISO,
  GraphQLJSONObject,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Document, DocumentStatus, DocumentType } from './document.entity.js';

@InputType()
export class DocumentCreateInput {
  @Field({ description: '1 to 300 characters.' })
  title!: string;

  @Field(() => DocumentType, { defaultValue: DocumentType.OTHER })
  type!: DocumentType;

  @Field(() => String, { nullable: true, description: 'HTML (sanitized; at most 512 KiB); default empty.' })
  content?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'A JSON object: at most 16 KB, 5 levels deep.' })
  metadata?: Record<string, unknown> | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'A member (User id) who owns it; default you.' })
  ownerId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The objects it concerns (a contact, a deal: any Node you can read; at most 20).' })
  aboutIds?: string[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; expiresAt set to null is cleared.' })
export class DocumentUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => DocumentType, { nullable: true })
  type?: DocumentType | null;

  @Field(() => String, { nullable: true })
  content?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the whole object.' })
  metadata?: Record<string, unknown> | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => ID, { nullable: true })
  ownerId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the whole list.' })
  aboutIds?: string[] | null;
}

@InputType()
export class DocumentStatusSetInput {
  @Field(() => ID)
  id!: string;

  @Field(() => DocumentStatus, { description: 'DRAFT, INTERNAL_REVIEW, CLIENT_REVIEW or SENT (SIGNED and EXPIRED are the system’s; VOID: documentVoid).' })
  status!: DocumentStatus;
}

@InputType()
export class DocumentVoidInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why (1 to 2,000 characters).' })
  reason!: string;
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

const DocumentTypeComparator = EnumComparator(DocumentType, 'DocumentType');
const DocumentStatusComparator = EnumComparator(DocumentStatus, 'DocumentStatus');

@InputType({ description: 'Conditions on documents; fields combine with AND.' })
export class DocumentFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => DocumentTypeComparator, { nullable: true }) type?: InstanceType<typeof DocumentTypeComparator> | null;
  @Field(() => DocumentStatusComparator, { nullable: true }) status?: InstanceType<typeof DocumentStatusComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'Objects it concerns (eq, in: ids of any type, e.g. a contact or a deal).' })
  aboutId?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The owner (User ids).' }) ownerId?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true, description: 'lt: expiring before; gte: after; isNull: without expiry.' })
  expiresAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [DocumentFilter], { nullable: true }) and?: DocumentFilter[] | null;
  @Field(() => [DocumentFilter], { nullable: true }) or?: DocumentFilter[] | null;
  @Field(() => DocumentFilter, { nullable: true }) not?: DocumentFilter | null;
}

export enum DocumentOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  TITLE = 'title',
  EXPIRES_AT = 'expiresAt',
  STATUS_CHANGED_AT = 'statusChangedAt',
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
