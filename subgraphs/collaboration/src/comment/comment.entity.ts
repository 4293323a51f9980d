import { GraphQLDateTimeISO, NodeEntity, toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export const DELETED_BODY = '[deleted]';

@Entity({ name: 'comments' })
@ObjectType('Comment', { description: 'A comment on any object, or a reply in a comment’s thread.' })
@Directive('@key(fields: "id")')
export class Comment extends NodeEntity('Comment') {
  @Column('uuid') orgId!: string;
  @Column('text') nodeType!: string;
  @Column('uuid') nodeId!: string;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  @Column('uuid') authorId!: string;
  @Column('text', { name: 'body' }) text!: string;
  @Column('uuid', { array: true }) mentions!: string[];
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the author last edited it (the "edited" marker).' })
  @Column('timestamptz', { nullable: true })
  editedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) deletedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  @Field({ description: `The text ("${DELETED_BODY}" once deleted); mentions are written <@userId>.` })
  get body(): string {
    return this.deletedAt ? DELETED_BODY : this.text;
  }

  @Field({ description: 'Deleted comments stay in their thread, without their text.' })
  get deleted(): boolean {
    return this.deletedAt !== null;
  }

  /** For the node subgraph, which turns it into `author: User`. */
  @Field(() => ID, { name: 'authorId', nullable: true })
  @Directive('@inaccessible')
  get authorRef(): string | null {
    return this.deletedAt ? null : toGlobalId('User', this.authorId);
  }

  /** For the node subgraph, which turns them into `mentions: [User!]!`. */
  @Field(() => [ID], { name: 'mentionIds' })
  @Directive('@inaccessible')
  get mentionRefs(): string[] {
    return this.deletedAt ? [] : this.mentions.map((uuid) => toGlobalId('User', uuid));
  }
}
