import { ConnectionType, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import { DocumentRevision, DocumentRevisionChange } from './revision.entity.js';
import { RedlineMode } from './revision.service.js';

registerEnumType(RedlineMode, {
  name: 'DocumentRedlineMode',
  description: 'Which changes a redline shows.',
  valuesConfig: {
    CUMULATIVE: { description: 'Every change since the original (rejected ones left out), on the current content.' },
    REVISION: { description: 'One revision’s changes, on the content of that revision.' },
  },
});

@InputType({ description: 'A structured edit: the new value of one data-field section (plain text).' })
export class DocumentFieldValueInput {
  @Field({ description: 'The section’s data-field name.' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'How people call it (“Payment terms”), kept with the change.' })
  label?: string | null;

  @Field({ description: 'The new value, as plain text (up to 100,000 characters).' })
  value!: string;
}

@InputType({ description: 'Saves a document as a new revision: structured field values, new content (free text with track-changes marks), or both.' })
export class DocumentReviseInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What changed (1 to 500 characters).' })
  description!: string;

  @Field(() => [DocumentFieldValueInput], { nullable: true, description: 'Field values to set (applied after `content`).' })
  fields?: DocumentFieldValueInput[] | null;

  @Field(() => String, { nullable: true, description: 'The whole new content (HTML, sanitized); new data-inserted / data-deleted marks become changes.' })
  content?: string | null;
}

export const DocumentChangeAcceptInput = IdInput('DocumentChangeAcceptInput');
export const DocumentChangeRejectInput = IdInput('DocumentChangeRejectInput');

@InputType({ description: 'A revision of a document, whose pending changes are all decided.' })
export class DocumentRevisionAcceptInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => Int, { description: 'The revision (1 or later).' })
  revision!: number;
}

@InputType({ description: 'A revision of a document, whose pending changes are all decided.' })
export class DocumentRevisionRejectInput extends DocumentRevisionAcceptInput {}

@ObjectType()
export class DocumentRevisePayload {
  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => DocumentRevision, { nullable: true, description: 'The revision the save made.' })
  revision?: DocumentRevision;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class DocumentChangeDecidePayload {
  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => [DocumentRevisionChange], { nullable: true, description: 'The changes decided.' })
  changes?: DocumentRevisionChange[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'How one field differs between two versions.' })
export class DocumentFieldDifference {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true, description: 'Its value in the first version (null: no such section).' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Its value in the second version (null: no such section).' })
  to!: string | null;
}

export const DocumentRevisionConnection = ConnectionType(DocumentRevision, 'DocumentRevision');
