import {
  ConnectionArgs,
  forbidden,
  mutationPayload,
  paginate,
  requireOrgId,
  type Connection,
  type SortKey,
  type SubgraphContext,
} from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Invitation, InvitationStatus } from '../invitation/invitation.entity.js';
import type { IdentityServices } from '../services.js';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { userById } from '../user/user.loaders.js';
import { Membership, OrganizationRole } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { organizationById } from './organization.loaders.js';
import {
  ApiKeyConnection,
  InvitationConnection,
  InvitationsArgs,
  MembershipConnection,
  MembershipDeleteInput,
  MembershipDeletePayload,
  MembershipPayload,
  MembershipUpdateInput,
  OrganizationCreateInput,
  OrganizationOwnershipTransferInput,
  OrganizationPayload,
  OrganizationUpdateInput,
  TeamConnection,
} from './organization.types.js';

type Context = SubgraphContext<IdentityServices>;

const byCreation = (alias: string, idPath = `${alias}.id`): SortKey[] => [
  { name: 'createdAt', path: `${alias}.createdAt`, sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'id', path: idPath, sqlType: 'uuid', direction: 'ASC' },
];
const membersOrder = byCreation('membership', 'membership.userId');

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => Organization, { nullable: true, description: 'The organization the caller acts in.' })
  async organization(@Ctx() context: Context): Promise<Organization> {
    const organization = await organizationById(this.services.db, context.loaders, context.request).load(requireOrgId(context.request));
    if (!organization) throw forbidden('Your organization is not accessible');
    return organization;
  }

  @FieldResolver(() => OrganizationRole, { nullable: true, description: 'Your role here.' })
  async viewerRole(@Root() organization: Organization, @Ctx() context: Context): Promise<OrganizationRole | null> {
    const principal = context.request.principal;
    if (principal.kind !== 'user') return null;
    return (await this.services.authz.roleOf(organization.id, principal.userId)) as OrganizationRole | null;
  }

  @FieldResolver(() => MembershipConnection, { nullable: true, description: 'Members, in the order they joined.' })
  async members(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Membership>> {
    await this.requireInside(organization, context, 'read');
    return paginate({
      db: this.services.db,
      scope: context.request,
      build: (em) => em.createQueryBuilder(Membership, 'membership').where('membership.orgId = :orgId', { orgId: organization.id }),
      sort: membersOrder,
      args,
    });
  }

  @FieldResolver(() => TeamConnection, { nullable: true })
  async teams(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Team>> {
    await this.requireInside(organization, context, 'read');
    return paginate({ db: this.services.db, scope: context.request, build: (em) => em.createQueryBuilder(Team, 'team'), sort: byCreation('team'), args });
  }

  @FieldResolver(() => InvitationConnection, { nullable: true, description: 'Invitations (pending by default); for owners and admins.' })
  async invitations(@Root() organization: Organization, @Args(() => InvitationsArgs) args: InvitationsArgs, @Ctx() context: Context): Promise<Connection<Invitation>> {
    await this.requireInside(organization, context, 'manage');
    const open = 'invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL';
    const condition = {
      [InvitationStatus.PENDING]: `${open} AND invitation.expiresAt > now()`,
      [InvitationStatus.ACCEPTED]: 'invitation.acceptedAt IS NOT NULL',
      [InvitationStatus.REVOKED]: 'invitation.revokedAt IS NOT NULL',
      [InvitationStatus.EXPIRED]: `${open} AND invitation.expiresAt <= now()`,
    }[args.status];
    return paginate({
      db: this.services.db,
      scope: context.request,
      build: (em) => em.createQueryBuilder(Invitation, 'invitation').where(condition),
      sort: byCreation('invitation'),
      args,
    });
  }

  @FieldResolver(() => ApiKeyConnection, { nullable: true, description: 'API keys; for owners and admins.' })
  async apiKeys(@Root() organization: Organization, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<ApiKey>> {
    await this.requireInside(organization, context, 'manage');
    return paginate({ db: this.services.db, scope: context.request, build: (em) => em.createQueryBuilder(ApiKey, 'key'), sort: byCreation('key'), args });
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
  organizationOwnershipTransfer(@Arg('input', () => OrganizationOwnershipTransferInput) input: OrganizationOwnershipTransferInput, @Ctx() context: Context): Promise<OrganizationPayload> {
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

  /** Lists inside an organization are for its members (guests cannot list), management for managers. */
  private async requireInside(organization: Organization, context: Context, action: 'read' | 'manage'): Promise<void> {
    if (organization.id !== requireOrgId(context.request)) throw forbidden('Visible from inside the organization only');
    await this.services.authz.require(context.request, action, 'Organization', organization.id);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  user(@Root() membership: Membership, @Ctx() context: Context): Promise<User | null> {
    return userById(this.services.db, context.loaders, context.request).load(membership.userId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() membership: Membership, @Ctx() context: Context): Promise<Organization | null> {
    return organizationById(this.services.db, context.loaders, context.request).load(membership.orgId);
  }
}
