import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'tags' })
@ObjectType('Tag', { description: 'A label of the organization, put on objects of any type.' })
export class Tag extends NodeEntity('Tag') {
  @Column('uuid') orgId!: string;
  @Field({ description: 'Unique in the organization (ignoring case).' }) @Column('text') name!: string;
  @Field({ description: 'Like #1a2b3c.' }) @Column('text') color!: string;
  @Field(() => String, { nullable: true, description: 'A free grouping of tags, e.g. priority, region.' }) @Column('text', { nullable: true }) category!:
    string | null;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A tag on an object. */
@Entity({ name: 'taggings' })
export class Tagging {
  @PrimaryColumn('uuid') tagId!: string;
  @PrimaryColumn('uuid') nodeId!: string;
  @Column('uuid') orgId!: string;
  @Column('text') nodeType!: string;
  @Column('uuid') createdBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
