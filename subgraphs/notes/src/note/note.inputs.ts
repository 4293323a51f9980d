import {
  BooleanComparator,
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  EnumComparator,
  GraphQLJSONObject,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NoteRevision } from './note-revision.entity.js';
import { Note, NoteVisibility } from './note.entity.js';

@InputType()
export class NoteCreateInput {
  @Field(() => String, { nullable: true, description: 'At most 200 characters; default empty.' })
  title?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'A Tiptap/ProseMirror document (sanitized); default empty.' })
  body?: Record<string, unknown> | null;

  @Field(() => NoteVisibility, { defaultValue: NoteVisibility.PRIVATE })
  visibility!: NoteVisibility;

  @Field(() => ID, { nullable: true, description: 'The team that reads it (visibility TEAM).' })
  teamId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The users who read it (visibility USERS).' })
  sharedWithIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The objects (any Node) it is about.' })
  aboutIds?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  pinned?: boolean | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged. A new title or body is a new revision.' })
export class NoteUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  body?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true })
  pinned?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true archives it, false brings it back.' })
  archived?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The revision the edit started from: NOTE_REVISION_CONFLICT when the note moved on.' })
  expectedRevision?: number | null;
}

@InputType({ description: 'Who reads the note besides its author.' })
export class NoteShareInput {
  @Field(() => ID)
  id!: string;

  @Field(() => NoteVisibility)
  visibility!: NoteVisibility;

  @Field(() => ID, { nullable: true, description: 'Required with TEAM.' })
  teamId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Required with USERS (at least one).' })
  userIds?: string[] | null;
}

@InputType({ description: 'Objects (any Node) to attach a note to or detach it from.' })
export class NoteAboutInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [ID])
  aboutIds!: string[];
}

@InputType()
export class NoteRevisionRestoreInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The revision whose title and body become a new revision.' })
  number!: number;
}

export const NoteIdInput = IdInput('NoteIdInput');

@ObjectType()
export class NotePayload {
  @Field(() => Note, { nullable: true })
  note?: Note;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

const NoteVisibilityComparator = EnumComparator(NoteVisibility, 'NoteVisibility');

@InputType({ description: 'Conditions on notes; fields combine with AND.' })
export class NoteFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true, description: 'The plain text of the body.' }) text?: StringComparator | null;
  @Field(() => BooleanComparator, { nullable: true }) pinned?: BooleanComparator | null;
  @Field(() => DateTimeComparator, { nullable: true, description: 'isNull: false for archived notes.' }) archivedAt?: DateTimeComparator | null;
  @Field(() => BooleanComparator, { nullable: true, description: 'eq: true for archived notes (archivedAt set).' }) archived?: BooleanComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The author (User ids).' }) authorId?: IDComparator | null;
  @Field(() => NoteVisibilityComparator, { nullable: true }) visibility?: InstanceType<typeof NoteVisibilityComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'Objects it is about (eq, in: ids of any type).' }) aboutId?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [NoteFilter], { nullable: true }) and?: NoteFilter[] | null;
  @Field(() => [NoteFilter], { nullable: true }) or?: NoteFilter[] | null;
  @Field(() => NoteFilter, { nullable: true }) not?: NoteFilter | null;
}

export enum NoteOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  TITLE = 'title',
  PINNED = 'pinned',
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

  @Field(() => [NoteOrder], { nullable: true, description: 'Default: pinned first, then most recently updated.' })
  orderBy?: NoteOrder[] | null;
}

export const NoteRevisionConnection = ConnectionType(NoteRevision, 'NoteRevision');
