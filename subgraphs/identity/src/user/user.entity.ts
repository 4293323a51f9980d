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

  @Field(() => String, { nullable: true, description: 'Picture shown beside the name: an https URL.' })
  @Column('text', { nullable: true })
  avatarUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone (Europe/Paris) dates are shown in; null: the device’s.' })
  @Column('text', { nullable: true })
  timeZone!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag (fr-CA) of the interface and e-mail; null: the device’s.' })
  @Column('text', { nullable: true })
  locale!: string | null;

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
