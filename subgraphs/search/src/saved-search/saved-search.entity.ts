import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'saved_searches' })
@ObjectType('SavedSearch', { description: 'A search its user saved, to run again (personal: only its creator sees it).' })
@Directive('@key(fields: "id")')
export class SavedSearch extends NodeEntity('SavedSearch') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'What is searched.' })
  @Column('text')
  query!: string;

  @Field(() => [String], { description: 'The Node types searched; empty: every type.' })
  @Column('text', { array: true })
  types!: string[];

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
