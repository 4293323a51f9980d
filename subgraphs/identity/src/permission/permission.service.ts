import {
  MODULE_BOUND_ROLES,
  moduleObject,
  objectKey,
  parseGlobalId,
  policyWriter,
  requireOrgId,
  requireVisibleNodes,
  teamSubject,
  toGlobalId,
  userSubject,
  typeWildcard,
  type Authorizer,
  type Database,
  type GraphClient,
  type RequestContext,
} from '@cellgraph/kernel';
import { In } from 'typeorm';
import { OrganizationRole } from '../organization/membership.entity.js';
import { Team, TeamMember } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { invalidObject, invalidObjectArgument, notGranted, objectNotFound } from './permission.errors.js';
import { grantSubject, type PermissionSubjectRef } from './permission-subject.js';
import { GrantSource, Relation, RoleSubject, type AccessibleObject, type ModuleAccess, type PermissionGrant, type ViewerAccess } from './permission.inputs.js';

const STANDING_ROLES: [OrganizationRole, Relation][] = [
  [OrganizationRole.OWNER, Relation.OWNER],
  [OrganizationRole.ADMIN, Relation.OWNER],
  [OrganizationRole.MEMBER, Relation.EDITOR],
];
const UNSHAREABLE = new Set(['Organization', 'User', 'Team', 'Invitation', 'ApiKey']);

interface PolicyRow {
  v0: string;
  v2: string;
  v3: string;
}

/** Sharing objects with members and teams (per-object relations), and the views of who can access what. */
export class PermissionService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
  ) {}

  /** Gives a user or team a relation on an object; the caller must be able to manage the object. */
  async grant(request: RequestContext, input: { objectId: string; subjectId: string; relation: Relation }): Promise<PermissionGrant> {
    const orgId = requireOrgId(request);
    const object = this.object(input.objectId);
    await requireVisibleNodes(this.graph, request, [input.objectId], objectNotFound);
    await this.authz.require(request, 'manage', object.type, object.id);
    const subject = await this.subject(request, orgId, input.subjectId);
    await this.db.transaction(request, async (em, hooks) => {
      await policyWriter.grant(em, orgId, subject.key, objectKey(object.type, object.id), input.relation);
      await this.db.emit(em, {
        type: 'permission.granted',
        orgId,
        subject: { type: object.type, id: object.id },
        data: { subject: subject.key, relation: input.relation },
      });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
    return { subject: subject.entity, relation: input.relation, source: GrantSource.OBJECT };
  }

  async revoke(request: RequestContext, input: { objectId: string; subjectId: string }): Promise<void> {
    const orgId = requireOrgId(request);
    const object = this.object(input.objectId);
    await this.authz.require(request, 'manage', object.type, object.id);
    const subject = await this.subject(request, orgId, input.subjectId);
    await this.db.transaction(request, async (em, hooks) => {
      if (!(await policyWriter.revoke(em, orgId, subject.key, objectKey(object.type, object.id)))) throw notGranted();
      await this.db.emit(em, { type: 'permission.revoked', orgId, subject: { type: object.type, id: object.id }, data: { subject: subject.key } });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
  }

  /**
   * The audit view of one object: grants on the object itself, on every object of its type, on its
   * restricted module (if it is in one), and the standing rights of organization roles (in a
   * restricted module, those of owners and admins only). Team grants list the team (its members inherit).
   */
  async objectGrants(request: RequestContext, objectId: string): Promise<PermissionGrant[]> {
    const orgId = requireOrgId(request);
    const object = this.object(objectId, invalidObjectArgument);
    await this.authz.require(request, 'manage', object.type, object.id);
    const module = this.authz.moduleOf(object.type);
    const rows: PolicyRow[] = await this.db.transaction(request, (em) =>
      em.query(`SELECT v0, v2, v3 FROM authz.policies WHERE ptype = 'p' AND v2 IN ($1, $2, $3) ORDER BY id`, [
        objectKey(object.type, object.id),
        typeWildcard(object.type),
        module ? moduleObject(module) : objectKey(object.type, object.id),
      ]),
    );
    const entities = await this.subjects(
      request,
      rows.map((row) => row.v0),
    );
    const grants: PermissionGrant[] = rows.map((row) => ({
      subject: entities.get(row.v0) ?? null,
      relation: row.v3 as Relation,
      source: row.v2.startsWith('module:') ? GrantSource.MODULE : row.v2.endsWith(':*') ? GrantSource.TYPE : GrantSource.OBJECT,
    }));
    const standing = module ? STANDING_ROLES.filter(([role]) => !MODULE_BOUND_ROLES.includes(role)) : STANDING_ROLES;
    const roles = standing.map(([role, relation]) => ({ subject: Object.assign(new RoleSubject(), { role }), relation, source: GrantSource.ROLE }));
    void orgId;
    return [...grants, ...roles];
  }

  /** What the caller can access: their role, teams, and objects shared with them or their teams. */
  async viewerAccess(request: RequestContext): Promise<ViewerAccess> {
    const orgId = requireOrgId(request);
    if (request.principal.kind !== 'user') return { role: null, teams: [], sharedObjects: [], modules: [] };
    const userId = request.principal.userId;
    const role = (await this.authz.roleOf(orgId, userId)) as OrganizationRole | null;
    const memberships = await this.db.transaction(request, (em) => em.findBy(TeamMember, { userId }));
    const teams = memberships.length ? await this.db.transaction(request, (em) => em.findBy(Team, { id: In(memberships.map((m) => m.teamId)) })) : [];
    const subjects = [userSubject(userId), ...teams.map((team) => teamSubject(team.id))];
    const rows: PolicyRow[] = await this.db.transaction(request, (em) =>
      em.query(`SELECT v0, v2, v3 FROM authz.policies WHERE ptype = 'p' AND v0 = ANY($1) ORDER BY id`, [subjects]),
    );
    const viaTeam = (row: PolicyRow) => teams.find((team) => teamSubject(team.id) === row.v0) ?? null;
    const modules: ModuleAccess[] = rows
      .filter((row) => row.v2.startsWith('module:'))
      .map((row) => ({ module: row.v2.slice('module:'.length), relation: row.v3 as Relation, viaTeam: viaTeam(row) }));
    const sharedObjects: AccessibleObject[] = rows
      .filter((row) => !row.v2.endsWith(':*') && !row.v2.startsWith('module:'))
      .map((row) => {
        const [type, id] = row.v2.split(':') as [string, string];
        return { objectId: toGlobalId(type, id), relation: row.v3 as Relation, viaTeam: viaTeam(row) };
      });
    return { role, teams, sharedObjects, modules };
  }

  /** The object an id names; `invalid()` (a mutation's user error by default) when it names none that can be shared. */
  private object(objectId: string, invalid: () => Error = invalidObject): { type: string; id: string } {
    const decoded = parseGlobalId(objectId);
    if (!decoded || UNSHAREABLE.has(decoded.typeName)) throw invalid();
    return { type: decoded.typeName, id: decoded.uuid };
  }

  private subject(request: RequestContext, orgId: string, subjectId: string): Promise<PermissionSubjectRef> {
    return grantSubject(this.db, this.authz, request, orgId, subjectId);
  }

  private async subjects(request: RequestContext, keys: string[]): Promise<Map<string, User | Team>> {
    const userIds = keys.filter((key) => key.startsWith('user:')).map((key) => key.slice(5));
    const teamIds = keys.filter((key) => key.startsWith('team:')).map((key) => key.slice(5));
    const [users, teams] = await this.db.transaction(request, async (em) => [
      userIds.length ? await em.findBy(User, { id: In(userIds) }) : [],
      teamIds.length ? await em.findBy(Team, { id: In(teamIds) }) : [],
    ]);
    return new Map<string, User | Team>([
      ...users.map((u): [string, User] => [userSubject(u.id), u]),
      ...teams.map((t): [string, Team] => [teamSubject(t.id), t]),
    ]);
  }
}
