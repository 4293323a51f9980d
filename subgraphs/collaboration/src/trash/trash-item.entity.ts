import { GraphQLDateTimeISO, toGlobalId, TRASH_RETENTION_DAYS } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An object of any subgraph in (or taken out of) the trash, as its owner reported it. */
@Entity({ name: 'trash' })
@ObjectType('TrashItem', { description: 'An object in the trash: restore it, or delete it for good.' })
@Directive('@key(fields: "id")')
export class TrashItem {
  @PrimaryColumn('uuid') nodeId!: string;
  @Column('uuid') orgId!: string;
  @Field({ description: 'Its type, e.g. Task.' }) @Column('text', { name: 'node_type' }) type!: string;
  @Field(() => String, { nullable: true, description: 'Its title or name when it was deleted.' }) @Column('text', { nullable: true }) title!: string | null;
  @Column('boolean') deleted!: boolean;
  @Column('uuid', { nullable: true }) deletedBy!: string | null;
  @Field(() => GraphQLDateTimeISO, { name: 'deletedAt' }) @Column('timestamptz') changedAt!: Date;

  @Field(() => ID, { description: 'The object’s global id.' })
  get id(): string {
    return toGlobalId(this.type, this.nodeId);
  }

  @Field(() => GraphQLDateTimeISO, { description: `When it is deleted for good (${TRASH_RETENTION_DAYS} days in the trash).` })
  get purgeAt(): Date {
    return new Date(this.changedAt.getTime() + TRASH_RETENTION_DAYS * 86_400_000);
  }

  /** For the node subgraph, which turns it into `deletedBy: User`. */
  @Field(() => ID, { name: 'deletedById', nullable: true })
  @Directive('@inaccessible')
  get deletedByRef(): string | null {
    return this.deletedBy ? toGlobalId('User', this.deletedBy) : null;
  }
}
