import { ConnectionType, GraphQLDateTimeISO, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import { DocumentEditSuggestion, DocumentReview } from './review.entity.js';

@InputType()
export class DocumentSendInput {
  @Field(() => ID, { description: 'The document to send for review.' })
  id!: string;

  @Field({ description: 'Who receives the review link (they need no account).' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Their name, for the greeting.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A message sent with the link (at most 5,000 characters).' })
  message?: string | null;

  @Field(() => Int, { nullable: true, description: 'How long the link works: 1 to 90 days, 14 by default.' })
  expiresInDays?: number | null;
}

@ObjectType()
export class DocumentSendPayload {
  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => DocumentReview, { nullable: true, description: 'The review created (its token is only in the e-mailed link).' })
  review?: DocumentReview;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class DocumentReviewRevokeInput {
  @Field(() => ID, { description: 'The review (DocumentReview id) whose link stops working.' })
  id!: string;
}

@ObjectType()
export class DocumentReviewPayload {
  @Field(() => DocumentReview, { nullable: true })
  review?: DocumentReview;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'An edit suggested through a review link: the token is the only authority.' })
export class DocumentSuggestionSubmitInput {
  @Field({ description: 'The review token from the e-mailed link.' })
  token!: string;

  @Field({ description: 'The section (`data-field`) to change.' })
  section!: string;

  @Field({ description: 'The text as the reviewer read it (empty: add to the section).' })
  originalText!: string;

  @Field({ description: 'The text the reviewer proposes instead.' })
  suggestedText!: string;

  @Field(() => String, { nullable: true, description: 'Why (at most 5,000 characters).' })
  comment?: string | null;
}

@ObjectType({ description: 'What the reviewer learns of a submitted suggestion.' })
export class ReviewedSuggestion {
  @Field(() => ID)
  id!: string;

  @Field()
  section!: string;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;
}

@ObjectType()
export class DocumentSuggestionSubmitPayload {
  @Field(() => ReviewedSuggestion, { nullable: true })
  suggestion?: ReviewedSuggestion;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class DocumentSuggestionApproveInput {
  @Field(() => ID, { description: 'The suggestion (DocumentEditSuggestion id).' })
  id!: string;
}

@InputType()
export class DocumentSuggestionRejectInput {
  @Field(() => ID, { description: 'The suggestion (DocumentEditSuggestion id).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Why (at most 5,000 characters).' })
  notes?: string | null;
}

@ObjectType()
export class DocumentSuggestionPayload {
  @Field(() => DocumentEditSuggestion, { nullable: true })
  suggestion?: DocumentEditSuggestion;

  @Field(() => Document, { nullable: true, description: 'The document as it is after the decision.' })
  document?: Document;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'A revision as an external reviewer sees it.' })
export class ReviewedRevision {
  @Field(() => Int)
  number!: number;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => GraphQLDateTimeISO)
  createdAt!: Date;
}

@ObjectType({ description: 'What a review link shows: the document’s title, content and revisions, nothing else.' })
export class ReviewedDocument {
  @Field()
  title!: string;

  @Field({ description: 'HTML with `data-field` sections.' })
  content!: string;

  @Field(() => [ReviewedRevision])
  revisions!: ReviewedRevision[];

  @Field(() => GraphQLDateTimeISO, { description: 'When the link stops working.' })
  expiresAt!: Date;
}

export const DocumentReviewConnection = ConnectionType(DocumentReview, 'DocumentReview');
export const DocumentEditSuggestionConnection = ConnectionType(DocumentEditSuggestion, 'DocumentEditSuggestion');
