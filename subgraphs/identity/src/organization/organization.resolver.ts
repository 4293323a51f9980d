import { ConnectionArgs, mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey } from '../api-key/api-key.entity.js';
import { ApiKeyConnection } from '../api-key/api-key.inputs.js';
import { Invitation } from '../invitation/invitation.entity.js';
import { InvitationConnection, InvitationsArgs } from '../invitation/invitation.inputs.js';
import type { IdentityServices } from '../services.js';
import { Team } from '../team/team.entities.js';
import { TeamConnection } from '../team/team.inputs.js';
import { User } from '../user/user.entity.js';
import { loadUser } from '../user/user.loaders.js';
import { Membership, OrganizationRole } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import {
  MembershipConnection,
  MembershipDeleteInput,
  MembershipDeletePayload,
  MembershipPayload,
  MembershipUpdateInput,
  OrganizationCreateInput,
  OrganizationOwnershipTransferInput,
  OrganizationPayload,
  OrganizationUpdateInput,
} from './organization.inputs.js';
import { loadOrganization } from './organization.loaders.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => Organization, { nullable: true, description: 'The organization the caller acts in.' })
  organization(@Ctx() context: Context): Promise<Organization> {
    return this.services.organizations.current(context.loaders, context.request);
  }

  @FieldResolver(() => OrganizationRole, { nullable: true, description: 'Your role here.' })
  viewerRole(@Root() organization: Organization, @Ctx() context: Context): Promise<OrganizationRole | null> {
    return this.services.organizations.viewerRole(context.request, organization);
  }

  @FieldResolver(() => MembershipConnection, { nullable: true, description: 'Members, in the order they joined.' })
  members(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Membership>> {
    return this.services.organizations.members(context.request, organization, args);
  }

  @FieldResolver(() => TeamConnection, { nullable: true })
  teams(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Team>> {
    return this.services.organizations.teams(context.request, organization, args);
  }

  @FieldResolver(() => InvitationConnection, { nullable: true, description: 'Invitations (pending by default); for owners and admins.' })
  invitations(
    @Root() organization: Organization,
    @Args(() => InvitationsArgs) args: InvitationsArgs,
    @Ctx() context: Context,
  ): Promise<Connection<Invitation>> {
    return this.services.organizations.invitations(context.request, organization, args);
  }

  @FieldResolver(() => ApiKeyConnection, { nullable: true, description: 'API keys; for owners and admins.' })
  apiKeys(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<ApiKey>> {
    return this.services.organizations.apiKeys(context.request, organization, args);
  }

  @Mutation(() => OrganizationPayload, { nullable: true, description: 'Create an organization you own (switch to it with sessionSwitchOrganization).' })
  organizationCreate(@Arg('input', () => OrganizationCreateInput) input: OrganizationCreateInput, @Ctx() context: Context): Promise<OrganizationPayload> {
    return mutationPayload(async () => ({ organization: await this.services.organizations.create(context.request, input) }));
  }

  @Mutation(() => OrganizationPayload, { nullable: true, description: 'Rename your organization (owners and admins).' })
  organizationUpdate(@Arg('input', () => OrganizationUpdateInput) input: OrganizationUpdateInput, @Ctx() context: Context): Promise<OrganizationPayload> {
    return mutationPayload(async () => ({ organization: await this.services.organizations.update(context.request, input) }));
  }

  @Mutation(() => OrganizationPayload, { nullable: true, description: 'Hand the organization to another member (owner only).' })
  organizationOwnershipTransfer(
    @Arg('input', () => OrganizationOwnershipTransferInput) input: OrganizationOwnershipTransferInput,
    @Ctx() context: Context,
  ): Promise<OrganizationPayload> {
    return mutationPayload(async () => ({ organization: await this.services.organizations.transferOwnership(context.request, input) }));
  }

  @Mutation(() => MembershipPayload, { nullable: true, description: 'Change a member’s role.' })
  membershipUpdate(@Arg('input', () => MembershipUpdateInput) input: MembershipUpdateInput, @Ctx() context: Context): Promise<MembershipPayload> {
    return mutationPayload(async () => ({ membership: await this.services.organizations.updateMembership(context.request, input) }));
  }

  @Mutation(() => MembershipDeletePayload, { nullable: true, description: 'Remove a member, or leave the organization.' })
  membershipDelete(@Arg('input', () => MembershipDeleteInput) input: MembershipDeleteInput, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedUserId: await this.services.organizations.removeMembership(context.request, input) }));
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() membership: Membership, @Ctx() context: Context): Promise<User | null> {
    return loadUser(context, membership.userId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() membership: Membership, @Ctx() context: Context): Promise<Organization | null> {
    return loadOrganization(context, membership.orgId);
  }
}
