import { GraphQLDateTimeISO, toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum LinkDirection {
  OUTGOING = 'outgoing',
  INCOMING = 'incoming',
}
registerEnumType(LinkDirection, {
  name: 'LinkDirection',
  description: 'Seen from the object whose links are listed: it is the source (OUTGOING) or the target (INCOMING).',
});

/** A link between two objects of any types (the canonical row; uniqueness lives here). */
@Entity({ name: 'links' })
export class LinkRow {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') orgId!: string;
  @Column('text') sourceType!: string;
  @Column('uuid') sourceId!: string;
  @Column('text') targetType!: string;
  @Column('uuid') targetId!: string;
  @Column('text') relationship!: string;
  @Column('uuid') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
}

/** A link seen from one of its ends: what `Node.links` lists. */
@Entity({ name: 'link_ends' })
@ObjectType('Link', { description: 'A named relationship between two objects, seen from one of them.' })
@Directive('@key(fields: "id")')
export class LinkEnd {
  /** The end's own key (a link has two). */
  @PrimaryColumn('uuid', { name: 'id' }) endId!: string;
  @Column('uuid') linkId!: string;
  @Column('uuid') orgId!: string;
  @Column('text') nodeType!: string;
  @Column('uuid') nodeId!: string;
  @Column('text') otherType!: string;
  @Column('uuid') otherId!: string;
  @Field(() => LinkDirection) @Column('text') direction!: LinkDirection;
  @Field({ description: 'e.g. related, blocks, proposal_for.' }) @Column('text') relationship!: string;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column('timestamptz') createdAt!: Date;

  @Field(() => ID, { description: 'The link’s id, the same from both ends.' })
  get id(): string {
    return toGlobalId('Link', this.linkId);
  }

  /** For the node subgraph, which turns it into `createdBy: User`. */
  @Field(() => ID, { name: 'createdById', nullable: true })
  @Directive('@inaccessible')
  get createdByRef(): string {
    return toGlobalId('User', this.createdBy);
  }
}
