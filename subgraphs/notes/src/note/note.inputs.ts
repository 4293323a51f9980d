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
import { Note } from './note.entity.js';

@InputType()
export class NoteCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class NoteUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

export const NoteDeleteInput = IdInput('NoteDeleteInput');
export const NoteRestoreInput = IdInput('NoteRestoreInput');

@ObjectType()
export class NotePayload {
  @Field(() => Note, { nullable: true })
  note?: Note;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const NoteDeletePayload = DeletePayload('NoteDeletePayload', 'deletedNoteId', 'Id of the note moved to the trash.');

@InputType({ description: 'Conditions on notes; fields combine with AND.' })
export class NoteFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [NoteFilter], { nullable: true }) and?: NoteFilter[] | null;
  @Field(() => [NoteFilter], { nullable: true }) or?: NoteFilter[] | null;
  @Field(() => NoteFilter, { nullable: true }) not?: NoteFilter | null;
}

export enum NoteOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  NAME = 'name',
}
registerEnumType(NoteOrderField, { name: 'NoteOrderField' });

@InputType()
export class NoteOrder {
  @Field(() => NoteOrderField)
  field!: NoteOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class NotesArgs extends ConnectionArgs {
  @Field(() => NoteFilter, { nullable: true })
  filter?: NoteFilter | null;

  @Field(() => [NoteOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: NoteOrder[] | null;
}

export const NoteConnection = ConnectionType(Note, 'Note');
