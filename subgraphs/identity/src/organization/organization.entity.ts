import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'organizations' })
@ObjectType('Organization', { description: 'A tenant: the workspace that owns its members and all their data.' })
@Directive('@key(fields: "id")')
export class Organization extends NodeEntity('Organization') {
  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'Unique, URL-safe handle.' })
  @Column('text')
  slug!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
