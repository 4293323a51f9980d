import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';
import { OrganizationRole } from '../organization/membership.entity.js';

export enum InvitationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  REVOKED = 'revoked',
  EXPIRED = 'expired',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@Entity({ name: 'invitations' })
@ObjectType('Invitation', { description: 'An invitation to join an organization, sent by e-mail; its link works once, for 7 days.' })
export class Invitation extends NodeEntity('Invitation') {
  @Column('uuid') orgId!: string;
  @Field() @Column('text') email!: string;
  @Field(() => OrganizationRole) @Column('text') role!: OrganizationRole;
  @Column('uuid', { array: true }) teamIds!: string[];
  @Column('text', { select: false }) tokenHash!: string;
  @Column('uuid') invitedBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @Column('timestamptz') expiresAt!: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) acceptedAt!: Date | null;
  @Column('uuid', { nullable: true }) acceptedBy!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;

  @Field(() => InvitationStatus)
  get status(): InvitationStatus {
    if (this.acceptedAt) return InvitationStatus.ACCEPTED;
    if (this.revokedAt) return InvitationStatus.REVOKED;
    return this.expiresAt <= new Date() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
  }
}
