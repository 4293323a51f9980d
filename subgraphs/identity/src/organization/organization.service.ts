import { randomBytes } from 'node:crypto';
import {
  AggregateAccess,
  forbidden,
  fromGlobalId,
  paginate,
  policyWriter,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type LoaderRegistry,
  type RequestContext,
  type SortKey,
  type TransactionHooks,
  readableWhereVisible,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Invitation, InvitationStatus } from '../invitation/invitation.entity.js';
import { Team } from '../team/team.entities.js';
import { Membership, OrganizationRole } from './membership.entity.js';
import { emitMembershipCreated } from './membership.events.js';
import { Organization } from './organization.entity.js';
import {
  memberNotFound,
  organizationNotFound,
  OrganizationErrorCode,
  ownerCannotLeave,
  ownerRoleFixed,
  ownerViaTransfer,
  transferToSelf,
} from './organization.errors.js';
import { mayChangeRole, mayRemove } from './role-rules.js';
import { organizationMessages } from '../messages.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

const organizationName = z
  .string()
  .trim()
  .min(1, zodMessage(identityValidationMessages.nameRequired))
  .max(100, zodMessage(identityValidationMessages.nameTooLong));

const byCreation = (alias: string, idPath = `${alias}.id`): SortKey[] => [
  { name: 'createdAt', path: `${alias}.createdAt`, sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'id', path: idPath, sqlType: 'uuid', direction: 'ASC' },
];
const membersOrder = byCreation('membership', 'membership.userId');

/** Organizations and memberships: create, rename, change roles, remove members, hand over ownership; the organization's lists. */
export class OrganizationService {
  /**
   * Organizations by id as the caller sees them: row-level security lets through the organization
   * it acts in, which it may read (what is inside is guarded per list, see `requireInside`).
   */
  readonly access: AggregateAccess<Organization>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Organization',
      entity: Organization,
      table: 'identity.organizations',
      notFound: organizationNotFound,
      readableOf: readableWhereVisible,
    });
  }

  /** The organization the caller acts in (FORBIDDEN when it cannot be read). */
  async current(loaders: LoaderRegistry, request: RequestContext): Promise<Organization> {
    const organization = await this.access.loadReadable(loaders, request, requireOrgId(request));
    if (!organization) throw forbidden(organizationMessages.notAccessible);
    return organization;
  }

  /** The caller's role in `organization` (null for API keys and the system). */
  async viewerRole(request: RequestContext, organization: Organization): Promise<OrganizationRole | null> {
    const principal = request.principal;
    if (principal.kind !== 'user') return null;
    return (await this.authz.roleOf(organization.id, principal.userId)) as OrganizationRole | null;
  }

  /** Members, in the order they joined (members of the organization; guests cannot list). */
  async members(request: RequestContext, organization: Organization, args: ConnectionArgs): Promise<Connection<Membership>> {
    await this.requireInside(request, organization, 'read');
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(Membership, 'membership').where('membership.orgId = :orgId', { orgId: organization.id }),
      sort: membersOrder,
      args,
    });
  }

  /** The organization's teams, in the order created. */
  async teams(request: RequestContext, organization: Organization, args: ConnectionArgs): Promise<Connection<Team>> {
    await this.requireInside(request, organization, 'read');
    return paginate({ db: this.db, scope: request, build: (em) => em.createQueryBuilder(Team, 'team'), sort: byCreation('team'), args });
  }

  /** Invitations of one status (pending by default), for owners and admins. */
  async invitations(request: RequestContext, organization: Organization, args: ConnectionArgs & { status: InvitationStatus }): Promise<Connection<Invitation>> {
    await this.requireInside(request, organization, 'manage');
    const open = 'invitation.acceptedAt IS NULL AND invitation.revokedAt IS NULL';
    const condition = {
      [InvitationStatus.PENDING]: `${open} AND invitation.expiresAt > now()`,
      [InvitationStatus.ACCEPTED]: 'invitation.acceptedAt IS NOT NULL',
      [InvitationStatus.REVOKED]: 'invitation.revokedAt IS NOT NULL',
      [InvitationStatus.EXPIRED]: `${open} AND invitation.expiresAt <= now()`,
    }[args.status];
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(Invitation, 'invitation').where(condition),
      sort: byCreation('invitation'),
      args,
    });
  }

  /** API keys, for owners and admins. */
  async apiKeys(request: RequestContext, organization: Organization, args: ConnectionArgs): Promise<Connection<ApiKey>> {
    await this.requireInside(request, organization, 'manage');
    return paginate({ db: this.db, scope: request, build: (em) => em.createQueryBuilder(ApiKey, 'key'), sort: byCreation('key'), args });
  }

  /** Lists inside an organization are for its members (guests cannot list), management for managers. */
  private async requireInside(request: RequestContext, organization: Organization, action: 'read' | 'manage'): Promise<void> {
    if (organization.id !== requireOrgId(request)) throw forbidden(organizationMessages.insideOnly);
    await this.authz.require(request, action, 'Organization', organization.id);
  }

  /** Within the caller's transaction (scoped to `orgId` and `userId`): the organization and its owner. */
  async createWithOwner(em: EntityManager, hooks: TransactionHooks, orgId: string, name: string, userId: string): Promise<Organization> {
    const organization = await em.save(em.create(Organization, { id: orgId, name, slug: slugFor(name) }));
    await em.insert(Membership, { orgId, userId, role: OrganizationRole.OWNER });
    await policyWriter.setRole(em, orgId, userId, 'owner');
    await this.db.emit(em, { type: 'organization.created', orgId, actorId: userId, subject: { type: 'Organization', id: orgId }, data: { name } });
    await emitMembershipCreated(this.db, em, orgId, userId, OrganizationRole.OWNER);
    this.announceAfterCommit(hooks, orgId);
    return organization;
  }

  async create(request: RequestContext, input: { name: string }): Promise<Organization> {
    const userId = requireUserId(request);
    const { name } = validateInput(z.object({ name: organizationName }), input, OrganizationErrorCode.InvalidInput);
    const orgId = uuidv7();
    return this.db.transaction({ userId, orgId }, (em, hooks) => this.createWithOwner(em, hooks, orgId, name, userId));
  }

  async update(request: RequestContext, input: { name?: string | null }): Promise<Organization> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const changes = validateInput(z.object({ name: organizationName.optional() }), { name: input.name ?? undefined }, OrganizationErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const organization = await em.findOneByOrFail(Organization, { id: orgId });
      const before = { name: organization.name };
      if (changes.name !== undefined) organization.name = changes.name;
      const saved = await em.save(organization);
      await this.db.emit(em, {
        type: 'organization.updated',
        orgId,
        subject: { type: 'Organization', id: orgId },
        data: { before, after: { name: saved.name } },
      });
      return saved;
    });
  }

  async updateMembership(request: RequestContext, input: { userId: string; role: OrganizationRole }): Promise<Membership> {
    const orgId = requireOrgId(request);
    const actorRole = await this.roleOf(request);
    const targetId = fromGlobalId('User', input.userId, 'userId');
    if (input.role === OrganizationRole.OWNER) throw ownerViaTransfer();
    return this.db.transaction(request, async (em, hooks) => {
      const membership = await em.findOne(Membership, { where: { orgId, userId: targetId }, lock: { mode: 'pessimistic_write' } });
      if (!membership) throw memberNotFound();
      if (membership.role === OrganizationRole.OWNER) throw ownerRoleFixed();
      if (!mayChangeRole(actorRole, membership.role, input.role)) throw forbidden(organizationMessages.mayNotGiveRole);
      const before = membership.role;
      membership.role = input.role;
      await em.update(Membership, { orgId, userId: targetId }, { role: input.role });
      await policyWriter.setRole(em, orgId, targetId, input.role);
      await this.db.emit(em, {
        type: 'membership.role_changed',
        orgId,
        subject: { type: 'User', id: targetId },
        data: { before: { role: before }, after: { role: input.role } },
      });
      this.announceAfterCommit(hooks, orgId);
      return membership;
    });
  }

  /** Removes a member (or the caller leaves): their teams and grants in the organization go too. */
  async removeMembership(request: RequestContext, input: { userId: string }): Promise<string> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    const targetId = fromGlobalId('User', input.userId, 'userId');
    const actorRole = await this.roleOf(request);
    await this.db.transaction(request, async (em, hooks) => {
      const membership = await em.findOne(Membership, { where: { orgId, userId: targetId }, lock: { mode: 'pessimistic_write' } });
      if (!membership) throw memberNotFound();
      if (membership.role === OrganizationRole.OWNER) throw targetId === actorId ? ownerCannotLeave() : ownerRoleFixed();
      if (!mayRemove(actorRole, targetId === actorId, membership.role)) throw forbidden(organizationMessages.mayNotRemove);
      await em.delete(Membership, { orgId, userId: targetId });
      await em.query('DELETE FROM identity.team_members WHERE org_id = $1 AND user_id = $2', [orgId, targetId]);
      await policyWriter.removeUser(em, orgId, targetId);
      await this.db.emit(em, { type: 'membership.removed', orgId, subject: { type: 'User', id: targetId }, data: { role: membership.role } });
      this.announceAfterCommit(hooks, orgId);
    });
    return input.userId;
  }

  /** The owner hands the organization to another member and becomes an admin. */
  async transferOwnership(request: RequestContext, input: { userId: string }): Promise<Organization> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    const targetId = fromGlobalId('User', input.userId, 'userId');
    if ((await this.roleOf(request)) !== OrganizationRole.OWNER) throw forbidden(organizationMessages.onlyOwnerTransfers);
    if (targetId === actorId) throw transferToSelf();
    return this.db.transaction(request, async (em, hooks) => {
      const target = await em.findOne(Membership, { where: { orgId, userId: targetId }, lock: { mode: 'pessimistic_write' } });
      if (!target) throw memberNotFound();
      await em.update(Membership, { orgId, userId: targetId }, { role: OrganizationRole.OWNER });
      await em.update(Membership, { orgId, userId: actorId }, { role: OrganizationRole.ADMIN });
      await policyWriter.setRole(em, orgId, targetId, 'owner');
      await policyWriter.setRole(em, orgId, actorId, 'admin');
      await this.db.emit(em, {
        type: 'organization.ownership_transferred',
        orgId,
        subject: { type: 'Organization', id: orgId },
        data: { before: { ownerId: actorId }, after: { ownerId: targetId } },
      });
      this.announceAfterCommit(hooks, orgId);
      return em.findOneByOrFail(Organization, { id: orgId });
    });
  }

  /** The caller's role in the organization they act in (null for non-members and API keys). */
  async roleOf(request: RequestContext): Promise<OrganizationRole | null> {
    const principal = request.principal;
    if (principal.kind !== 'user' || !principal.orgId) return null;
    return (await this.authz.roleOf(principal.orgId, principal.userId)) as OrganizationRole | null;
  }

  async nameOf(em: EntityManager, orgId: string): Promise<string | null> {
    return (await em.findOneBy(Organization, { id: orgId }))?.name ?? null;
  }

  announceAfterCommit(hooks: TransactionHooks, orgId: string): void {
    hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
  }
}

function slugFor(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${base || 'org'}-${randomBytes(4).toString('hex')}`;
}
