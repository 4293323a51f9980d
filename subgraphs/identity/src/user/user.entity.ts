import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'users' })
@ObjectType('User', { description: 'A person with an account. One account can belong to several organizations.' })
@Directive('@key(fields: "id")')
export class User extends NodeEntity('User') {
  @Field({ description: 'Sign-in e-mail address, lower case.' })
  @Column('text')
  email!: string;

  @Field()
  @Column('text')
  name!: string;

  /** Argon2id hash; never selected unless asked for explicitly, never a GraphQL field. */
  @Column('text', { select: false })
  passwordHash!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Set when the account was deactivated: it can no longer sign in. */
  @Column('timestamptz', { nullable: true })
  deactivatedAt!: Date | null;

  @Field({ description: 'False once the account was deactivated.' })
  get active(): boolean {
    return this.deactivatedAt === null;
  }
}
