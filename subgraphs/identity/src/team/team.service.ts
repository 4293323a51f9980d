import {
  AggregateAccess,
  forbidden,
  fromGlobalId,
  isUniqueViolation,
  paginate,
  policyWriter,
  requireOrgId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type LoaderRegistry,
  type RequestContext,
  type SortKey,
  readableWhereVisible,
} from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { Team, TeamMember, TeamRole } from './team.entities.js';
import { notInOrganization, notInTeam, TeamErrorCode, teamNameTaken, teamNotFound } from './team.errors.js';
import { organizationMessages } from '../messages.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

const membersOrder: SortKey[] = [
  { name: 'createdAt', path: 'member.createdAt', sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'userId', path: 'member.userId', sqlType: 'uuid', direction: 'ASC' },
];

const name = z.string().trim().min(1, zodMessage(identityValidationMessages.nameRequired)).max(100, zodMessage(identityValidationMessages.nameTooLong));
const description = z.string().trim().max(2000, zodMessage(identityValidationMessages.descriptionTooLong)).nullable();

/** Teams of an organization: managed by owners and admins, their members also by team leads. */
export class TeamService {
  /**
   * Teams by id as the caller's organization sees them (row-level security; deleted ones left out).
   * A reference or field loads any team of the organization; the `team` query and a team's members
   * are for those who see it (`requireVisible`).
   */
  readonly access: AggregateAccess<Team>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'Team',
      entity: Team,
      table: 'identity.teams',
      notFound: teamNotFound,
      readableOf: readableWhereVisible,
    });
  }

  /** The `team` query: null when the organization has no such team, FORBIDDEN when the caller does not see it. */
  async get(loaders: LoaderRegistry, request: RequestContext, id: string): Promise<Team | null> {
    requireOrgId(request);
    const team = await this.access.loadReadable(loaders, request, fromGlobalId('Team', id));
    if (team) await this.requireVisible(request, team);
    return team;
  }

  /** A team's members, in the order they joined (for those who see the team). */
  async members(request: RequestContext, team: Team, args: ConnectionArgs): Promise<Connection<TeamMember>> {
    await this.requireVisible(request, team);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => em.createQueryBuilder(TeamMember, 'member').where('member.teamId = :teamId', { teamId: team.id }),
      sort: membersOrder,
      args,
    });
  }

  async create(request: RequestContext, input: { name: string; description?: string | null }): Promise<Team> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const valid = validateInput(z.object({ name, description: description.optional() }), input, TeamErrorCode.InvalidInput);
    return this.guardName(() =>
      this.db.transaction(request, async (em) => {
        const team = await em.save(em.create(Team, { id: uuidv7(), orgId, name: valid.name, description: valid.description ?? null }));
        await this.db.emit(em, { type: 'team.created', orgId, subject: { type: 'Team', id: team.id }, data: { name: team.name } });
        return team;
      }),
    );
  }

  async update(request: RequestContext, input: { id: string; name?: string | null; description?: string | null }): Promise<Team> {
    const teamId = fromGlobalId('Team', input.id);
    await this.requireManager(request, teamId);
    const changes = validateInput(
      z.object({ name: name.optional(), description: description.optional() }),
      { name: input.name ?? undefined, description: input.description },
      TeamErrorCode.InvalidInput,
    );
    return this.guardName(() =>
      this.db.transaction(request, async (em) => {
        const team = await em.findOneBy(Team, { id: teamId });
        if (!team) throw teamNotFound();
        const before = { name: team.name, description: team.description };
        if (changes.name !== undefined) team.name = changes.name;
        if (changes.description !== undefined) team.description = changes.description;
        const saved = await em.save(team);
        await this.db.emit(em, {
          type: 'team.updated',
          orgId: team.orgId,
          subject: { type: 'Team', id: teamId },
          data: { before, after: { name: saved.name, description: saved.description } },
        });
        return saved;
      }),
    );
  }

  /** Moves the team to the trash: it confers nothing any more (its grants are removed). */
  async delete(request: RequestContext, id: string): Promise<string> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const teamId = fromGlobalId('Team', id);
    await this.db.transaction(request, async (em, hooks) => {
      const team = await em.findOne(Team, { where: { id: teamId }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw teamNotFound();
      await em.softDelete(Team, { id: teamId });
      await policyWriter.removeTeam(em, orgId, teamId);
      await this.db.emit(em, { type: 'team.deleted', orgId, subject: { type: 'Team', id: teamId }, data: { title: team.name } });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
    return id;
  }

  /** Brings a team back with its members (grants it held before are not restored). */
  async restore(request: RequestContext, id: string): Promise<Team> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    const teamId = fromGlobalId('Team', id);
    return this.guardName(() =>
      this.db.transaction(request, async (em, hooks) => {
        const restored = await em.createQueryBuilder().restore().from(Team).where('id = :teamId', { teamId }).andWhere('deleted_at IS NOT NULL').execute();
        if (!restored.affected) throw teamNotFound();
        for (const member of await em.findBy(TeamMember, { teamId })) await policyWriter.setTeamMember(em, orgId, member.userId, teamId, true);
        await this.db.emit(em, { type: 'team.restored', orgId, subject: { type: 'Team', id: teamId } });
        hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
        return em.findOneByOrFail(Team, { id: teamId });
      }),
    );
  }

  async addMember(request: RequestContext, input: { teamId: string; userId: string; role?: TeamRole | null }): Promise<TeamMember> {
    const orgId = requireOrgId(request);
    const teamId = fromGlobalId('Team', input.teamId, 'teamId');
    const userId = fromGlobalId('User', input.userId, 'userId');
    await this.requireManager(request, teamId);
    if (!(await this.authz.isMember(orgId, userId))) throw notInOrganization();
    return this.db.transaction(request, async (em, hooks) => {
      if (!(await em.findOneBy(Team, { id: teamId }))) throw teamNotFound();
      await em.upsert(TeamMember, { teamId, userId, orgId, role: input.role ?? TeamRole.MEMBER }, ['teamId', 'userId']);
      await policyWriter.setTeamMember(em, orgId, userId, teamId, true);
      await this.db.emit(em, {
        type: 'team.member_added',
        orgId,
        subject: { type: 'Team', id: teamId },
        data: { userId, role: input.role ?? TeamRole.MEMBER },
      });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
      return em.findOneByOrFail(TeamMember, { teamId, userId });
    });
  }

  async removeMember(request: RequestContext, input: { teamId: string; userId: string }): Promise<void> {
    const orgId = requireOrgId(request);
    const teamId = fromGlobalId('Team', input.teamId, 'teamId');
    const userId = fromGlobalId('User', input.userId, 'userId');
    await this.requireManager(request, teamId);
    await this.db.transaction(request, async (em, hooks) => {
      const removed = await em.delete(TeamMember, { teamId, userId });
      if (!removed.affected) throw notInTeam();
      await policyWriter.setTeamMember(em, orgId, userId, teamId, false);
      await this.db.emit(em, { type: 'team.member_removed', orgId, subject: { type: 'Team', id: teamId }, data: { userId } });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
  }

  /** Team memberships of each user in `userIds` (in the caller's organization). */
  private async membershipsOf(request: RequestContext, userIds: readonly string[]): Promise<TeamMember[]> {
    return this.db.transaction(request, (em) => em.findBy(TeamMember, { userId: In([...userIds]) }));
  }

  /** Owners and admins manage every team; a lead manages their own team's members. */
  async requireManager(request: RequestContext, teamId: string): Promise<void> {
    const orgId = requireOrgId(request);
    if (await this.authz.can(request, 'manage', 'Organization', orgId)) return;
    const principal = request.principal;
    if (principal.kind === 'user') {
      const lead = await this.db.transaction(request, (em: EntityManager) =>
        em.findOneBy(TeamMember, { teamId, userId: principal.userId, role: TeamRole.LEAD }),
      );
      if (lead) return;
    }
    throw forbidden(organizationMessages.teamManagersOnly);
  }

  /** Members of the organization see its teams; guests only the teams they are in. */
  private async requireVisible(request: RequestContext, team: Team): Promise<void> {
    if (await this.authz.can(request, 'read', 'Organization', team.orgId)) return;
    const principal = request.principal;
    if (principal.kind === 'user' && (await this.membershipsOf(request, [principal.userId])).some((m) => m.teamId === team.id)) return;
    throw forbidden(organizationMessages.cannotSeeTeam);
  }

  private async guardName<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (caught) {
      if (isUniqueViolation(caught, 'teams_name_key')) throw teamNameTaken();
      throw caught;
    }
  }
}
