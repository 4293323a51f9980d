import { ConnectionArgs, ConnectionType, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrganizationRole } from '../organization/membership.entity.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';

/** `Organization.invitations`. */
export const InvitationConnection = ConnectionType(Invitation, 'Invitation');

@ArgsType()
export class InvitationsArgs extends ConnectionArgs {
  @Field(() => InvitationStatus, { nullable: true, defaultValue: InvitationStatus.PENDING })
  status!: InvitationStatus;
}

@InputType()
export class InvitationCreateInput {
  @Field() email!: string;
  @Field(() => OrganizationRole) role!: OrganizationRole;
  @Field(() => [ID], { nullable: true, description: 'Teams the person joins on accepting.' }) teamIds?: string[] | null;
}

export const InvitationResendInput = IdInput('InvitationResendInput');
export const InvitationRevokeInput = IdInput('InvitationRevokeInput');

@InputType()
export class InvitationAcceptInput {
  @Field({ description: 'The token from the invitation e-mail.' }) token!: string;
  @Field(() => String, { nullable: true, description: 'For a new account.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'For a new account.' }) password?: string | null;
}

@ObjectType()
export class InvitationPayload {
  @Field(() => Invitation, { nullable: true }) invitation?: Invitation;
  @Field(() => [UserError]) userErrors!: UserError[];
}
