import { GraphQLDateTimeISO } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum OrganizationRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
  GUEST = 'guest',
}
registerEnumType(OrganizationRole, { name: 'OrganizationRole', description: 'Role of a member in an organization.' });

@Entity({ name: 'memberships' })
@ObjectType('Membership', { description: 'A user’s membership of an organization.' })
export class Membership {
  @PrimaryColumn('uuid')
  orgId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @Field(() => OrganizationRole)
  @Column('text')
  role!: OrganizationRole;

  @Field(() => GraphQLDateTimeISO, { description: 'When the user joined.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
