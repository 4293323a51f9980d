import { ConnectionArgs, ConnectionType, DeletePayload, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Invitation, InvitationStatus } from '../invitation/invitation.entity.js';
import { Team } from '../team/team.entities.js';
import { Membership, OrganizationRole } from './membership.entity.js';
import { Organization } from './organization.entity.js';

export const MembershipConnection = ConnectionType(Membership, 'Membership');
export const TeamConnection = ConnectionType(Team, 'Team');
export const InvitationConnection = ConnectionType(Invitation, 'Invitation');
export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

@ArgsType()
export class InvitationsArgs extends ConnectionArgs {
  @Field(() => InvitationStatus, { nullable: true, defaultValue: InvitationStatus.PENDING })
  status!: InvitationStatus;
}

@InputType()
export class OrganizationCreateInput {
  @Field() name!: string;
}

@InputType()
export class OrganizationUpdateInput {
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType()
export class OrganizationOwnershipTransferInput {
  @Field(() => ID, { description: 'The member who becomes owner; you become an admin.' }) userId!: string;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => Organization, { nullable: true }) organization?: Organization;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@InputType()
export class MembershipUpdateInput {
  @Field(() => ID) userId!: string;
  @Field(() => OrganizationRole) role!: OrganizationRole;
}

@InputType()
export class MembershipDeleteInput {
  @Field(() => ID, { description: 'A member to remove, or yourself to leave.' }) userId!: string;
}

@ObjectType()
export class MembershipPayload {
  @Field(() => Membership, { nullable: true }) membership?: Membership;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const MembershipDeletePayload = DeletePayload('MembershipDeletePayload', 'deletedUserId', 'Id of the user removed from the organization.');
