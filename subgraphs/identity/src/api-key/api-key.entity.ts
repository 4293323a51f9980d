import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';

@Entity({ name: 'api_keys' })
@ObjectType('ApiKey', { description: 'A key for third parties: it acts as a member of the organization, limited to its scopes.' })
export class ApiKey extends NodeEntity('ApiKey') {
  @Column('uuid') orgId!: string;
  @Field() @Column('text') name!: string;
  @Field({ description: 'The first characters of the key, to recognise it.' }) @Column('text') prefix!: string;
  /** SHA-256 of the key; the key itself is shown once, at creation. */
  @Column('text', { select: false }) keyHash!: string;
  @Field(() => [String], { description: 'e.g. tasks:read, tasks:write (write includes read).' }) @Column('text', { array: true }) scopes!: string[];
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => Int, {
    nullable: true,
    description: 'Requests the key may make per rate-limit window (a minute unless the cell says otherwise); null: the cell’s default.',
  })
  @Column('integer', { nullable: true })
  rateLimit!: number | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) expiresAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}
