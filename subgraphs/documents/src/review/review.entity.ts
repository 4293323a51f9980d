import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

/** An external review: a link to one document, e-mailed to someone who needs no account. */
@Entity({ name: 'document_reviews' })
@ObjectType('DocumentReview', { description: 'A review link sent by e-mail to someone outside the organization.' })
export class DocumentReview extends NodeEntity('DocumentReview') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Field({ description: 'Where the link was sent.' })
  @Column('text')
  email!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The message sent with the link.' })
  @Column('text', { nullable: true })
  message!: string | null;

  /** SHA-256 of the token; the token itself is only in the e-mailed link. */
  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  sentBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'now()' })
  sentAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz')
  expiresAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the reviewer last opened the link.' })
  @Column('timestamptz', { nullable: true })
  lastSeenAt!: Date | null;
}

export enum SuggestionState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(SuggestionState, { name: 'DocumentSuggestionState' });

/** A change an external reviewer proposes to one section (`data-field`) of a document. */
@Entity({ name: 'document_edit_suggestions' })
@ObjectType('DocumentEditSuggestion', { description: 'An edit suggested by an external reviewer, pending until the owner decides.' })
export class DocumentEditSuggestion extends NodeEntity('DocumentEditSuggestion') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Column('uuid')
  reviewId!: string;

  @Field({ description: 'The section (`data-field`) it changes.' })
  @Column('text')
  section!: string;

  @Field()
  @Column('text')
  originalText!: string;

  @Field()
  @Column('text')
  suggestedText!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  comment!: string | null;

  @Field(() => SuggestionState)
  @Column('text', { default: SuggestionState.PENDING })
  state!: SuggestionState;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  @Column('text', { nullable: true })
  notes!: string | null;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;
}
