import { GraphQLDateTimeISO, NodeEntity, toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'clauses' })
@ObjectType('Clause', { description: 'A clause of the organization’s library: reusable text inserted in documents, with every version of its body kept.' })
@Directive('@key(fields: "id")')
export class Clause extends NodeEntity('Clause') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: '1 to 200 characters.' })
  @Column('text')
  title!: string;

  @Field({ description: 'What it is about (e.g. Payment, Liability); 1 to 100 characters.' })
  @Column('text')
  category!: string;

  @Field({ description: 'The current version’s body: sanitized HTML, as document content.' })
  @Column('text')
  body!: string;

  @Field({ description: 'Whether documents created from a template get it.' })
  @Column('boolean', { default: false })
  includeByDefault!: boolean;

  @Field(() => Int, { description: 'The current version’s number (1 when created; each new body adds one).' })
  @Column('int', { default: 1 })
  version!: number;

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

/** One version of a clause's body (kept for every new body, never changed). */
@Entity({ name: 'clause_versions' })
@ObjectType('ClauseVersion', { description: 'A version of a clause’s body.' })
export class ClauseVersion {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
  get globalId(): string {
    return toGlobalId('ClauseVersion', this.id);
  }

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  clauseId!: string;

  @Field(() => Int)
  @Column('int')
  number!: number;

  @Field({ description: 'Sanitized HTML.' })
  @Column('text')
  body!: string;

  @Column('uuid')
  authorId!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
