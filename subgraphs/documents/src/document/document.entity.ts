import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { DocumentStatus } from './document-status.js';

export { DocumentStatus };

/** What kind of document it is (approval workflows are chosen by type). */
export enum DocumentType {
  CONTRACT = 'contract',
  PROPOSAL = 'proposal',
  SOW = 'sow',
  NDA = 'nda',
  TEMPLATE = 'template',
  OTHER = 'other',
}
registerEnumType(DocumentType, {
  name: 'DocumentType',
  description: 'What kind of document it is.',
  valuesConfig: { SOW: { description: 'A statement of work.' }, NDA: { description: 'A non-disclosure agreement.' } },
});

registerEnumType(DocumentStatus, {
  name: 'DocumentStatus',
  description: 'Where a document is in its life: DRAFT → INTERNAL_REVIEW → CLIENT_REVIEW → SENT → SIGNED, or EXPIRED, VOID.',
  valuesConfig: {
    DRAFT: { description: 'Being written (also when returned for changes).' },
    INTERNAL_REVIEW: { description: 'Under review inside the organization (approvals).' },
    CLIENT_REVIEW: { description: 'Under review by the client (external review by token).' },
    SENT: { description: 'Sent to the other party, for signature or acceptance.' },
    SIGNED: { description: 'Signed by every party (set by the signature provider only).' },
    EXPIRED: { description: 'Its expiry date passed while sent or signed (set by the daily expiry job).' },
    VOID: { description: 'Cancelled, with a reason; final.' },
  },
});

@Entity({ name: 'documents' })
@ObjectType('Document', { description: 'A document of an organization: a contract, proposal, statement of work, NDA or template.' })
@Directive('@key(fields: "id")')
export class Document extends NodeEntity('Document') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => DocumentType)
  @Column('text')
  type!: DocumentType;

  @Field(() => DocumentStatus)
  @Column('text', { default: DocumentStatus.DRAFT })
  status!: DocumentStatus;

  @Field({ description: 'Sanitized HTML: sections marked with data-field, free text with data-inserted/data-deleted marks.' })
  @Column('text', { default: '' })
  content!: string;

  @Field(() => GraphQLJSONObject, { description: 'Free-form JSON object (at most 16 KB, 5 levels deep).' })
  @Column('jsonb', { default: {} })
  metadata!: Record<string, unknown>;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it lapses: once passed, a SENT or SIGNED document becomes EXPIRED.' })
  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;

  @Column('uuid')
  ownerId!: string;

  /** Global ids of the objects (contact, deal, any Node) it concerns. */
  @Column('text', { array: true, default: () => "'{}'" })
  aboutIds!: string[];

  @Field(() => String, { nullable: true, description: 'Why it was voided (VOID only).' })
  @Column('text', { nullable: true })
  voidReason!: string | null;

  @Field(() => GraphQLDateTimeISO, { description: 'When its status last changed.' })
  @Column('timestamptz', { default: () => 'now()' })
  statusChangedAt!: Date;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
