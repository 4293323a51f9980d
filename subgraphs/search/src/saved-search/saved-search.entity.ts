import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'saved_searches' })
@ObjectType('SavedSearch', { description: 'A saved search of an organization.' })
@Directive('@key(fields: "id")')
export class SavedSearch extends NodeEntity('SavedSearch') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

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
