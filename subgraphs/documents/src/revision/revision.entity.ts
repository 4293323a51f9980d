import { GraphQLDateTimeISO, toGlobalId } from '@cellgraph/kernel';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum DocumentChangeKind {
  FIELD = 'field',
  INSERTION = 'insertion',
  DELETION = 'deletion',
}
registerEnumType(DocumentChangeKind, {
  name: 'DocumentChangeKind',
  description: 'A structured field edit, or a free-text mark (text inserted or deleted).',
});

export enum DocumentChangeState {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
}
registerEnumType(DocumentChangeState, { name: 'DocumentChangeState', description: 'Whether a change was accepted or rejected yet.' });

/** One saved version of a document: its whole content at that save (never changed afterwards). */
@Entity({ name: 'document_revisions' })
@ObjectType('DocumentRevision', { description: 'A saved version of a document. Revision 0 is the original, kept as the baseline on the first edit.' })
export class DocumentRevision {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
  get globalId(): string {
    return toGlobalId('DocumentRevision', this.id);
  }

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Field(() => Int, { description: '0 for the original, then 1, 2, … in the order of saves.' })
  @Column('int')
  number!: number;

  @Field({ description: 'What the save changed, in the author’s words.' })
  @Column('text')
  description!: string;

  /** Null for a save made without an account (an external reviewer’s approved suggestion keeps its approver). */
  @Column('uuid', { nullable: true })
  authorId!: string | null;

  @Field({ description: 'The whole content (sanitized HTML) at this save.' })
  @Column('text')
  content!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt!: Date;
}

/** One change a revision made: a structured field's old and new value, or a free-text mark. */
@Entity({ name: 'document_revision_changes' })
@ObjectType('DocumentRevisionChange', { description: 'A change a revision made, to accept or reject.' })
export class DocumentRevisionChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global id (documentChangeAccept/Reject take it).' })
  get globalId(): string {
    return toGlobalId('DocumentRevisionChange', this.id);
  }

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  revisionId!: string;

  @Column('uuid')
  documentId!: string;

  @Field(() => Int, { description: 'Its order within the revision.' })
  @Column('int')
  position!: number;

  @Field(() => DocumentChangeKind)
  @Column('text')
  kind!: DocumentChangeKind;

  @Field(() => String, { nullable: true, description: 'The data-field section: the edited field, or the section a mark sits in (null outside any).' })
  @Column('text', { nullable: true })
  fieldName!: string | null;

  @Field(() => String, { nullable: true, description: 'The field’s label, when the edit gave one.' })
  @Column('text', { nullable: true })
  fieldLabel!: string | null;

  @Field(() => String, { nullable: true, description: 'The free-text mark’s id (its data-inserted / data-deleted value); null for a field edit.' })
  @Column('text', { nullable: true })
  markId!: string | null;

  @Field({ description: 'The text before: the field’s old value, or the deleted text ("" for an insertion).' })
  @Column('text')
  oldValue!: string;

  @Field({ description: 'The text after: the field’s new value, or the inserted text ("" for a deletion).' })
  @Column('text')
  newValue!: string;

  @Field(() => DocumentChangeState)
  @Column('text', { default: DocumentChangeState.PENDING })
  state!: DocumentChangeState;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
