import { ConnectionType, DeletePayload, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Membership, OrganizationRole } from './membership.entity.js';
import { Organization } from './organization.entity.js';

/** `Organization.members`. */
export const MembershipConnection = ConnectionType(Membership, 'Membership');

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
