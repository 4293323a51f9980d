import { GraphQLDateTimeISO, IdempotencyKeyField, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Document, DocumentType } from '../document/document.entity.js';

@InputType({ description: 'A clause of the library to insert in a document.' })
export class DocumentClauseInsertInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID)
  clauseId!: string;

  @Field(() => Int, { nullable: true, description: 'Its index among the document’s clauses (0 first); default: after the last.' })
  position?: number | null;
}

@InputType()
export class DocumentClauseMoveInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID)
  clauseId!: string;

  @Field(() => Int, { description: 'Its new index among the document’s clauses (0 first; past the end: last).' })
  position!: number;
}

@InputType()
export class DocumentClauseOverrideInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID)
  clauseId!: string;

  @Field(() => String, { nullable: true, description: 'The document’s own text (HTML, sanitized); null goes back to the version’s text.' })
  body?: string | null;
}

@InputType({ description: 'A clause of a document to bring to its latest version.' })
export class DocumentClauseRefreshInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID)
  clauseId!: string;
}

@InputType({ description: 'A clause to take out of a document.' })
export class DocumentClauseRemoveInput {
  @Field(() => ID, { description: 'The document.' })
  id!: string;

  @Field(() => ID)
  clauseId!: string;
}

/** A clause of a document (refresh, remove). */
export type DocumentClauseInput = DocumentClauseRefreshInput;

@ObjectType()
export class DocumentClausePayload {
  @Field(() => Document, { nullable: true, description: 'The document, its content and clauses as changed.' })
  document?: Document;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'A new DRAFT document from a template: its content, its clauses and every clause included by default.' })
export class DocumentCreateFromTemplateInput {
  @Field(() => ID, { description: 'A document of type TEMPLATE.' })
  templateId!: string;

  @Field({ description: '1 to 300 characters.' })
  title!: string;

  @Field(() => DocumentType, { nullable: true, description: 'Default CONTRACT.' })
  type?: DocumentType | null;

  @Field(() => [ID], { nullable: true, description: 'Objects it concerns (a contact, a deal, any Node; at most 20).' })
  aboutIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'A member of the organization; default: you.' })
  ownerId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  expiresAt?: Date | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}
