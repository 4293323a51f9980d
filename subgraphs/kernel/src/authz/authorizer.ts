import type { Enforcer } from 'casbin';
import { forbidden } from '../errors/coded-error.js';
import { scopesGrant } from './api-key-scopes.js';
import { currentRequestContext, principalOrgId, type Principal, type RequestContext } from '../context/request-context.js';
import type { Database } from '../db/database.js';
import type { Redis } from '../redis/redis.js';
import type { RestrictedModules } from './restricted-modules.js';
import {
  enforcerWith,
  MODULE_BOUND_ROLES,
  moduleObject,
  objectKey,
  OPEN_MODULE,
  roleSubject,
  teamSubject,
  typeWildcard,
  userSubject,
  type Action,
  type OrganizationRoleName,
  type PolicyRow,
} from './model.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** The cell's Redis channel on which policy changes are announced: the message is the organization id. */
export const policyChannel = (prefix: string) => `${prefix}:authz:changed`;

const CACHE_TTL_MS = 60_000; // bound on staleness should an announcement be lost
const MAX_CACHED_ORGS = 2_000;

/**
 * Each organization's enforcer, loaded on first use from the policy store (in a transaction
 * scoped to that organization) and dropped when a change is announced on Redis — so a grant or a
 * role change is in force in every process within a moment — or after a minute at the latest.
 */
export class PolicyCache {
  private readonly enforcers = new Map<string, { loaded: number; enforcer: Promise<Enforcer> }>();
  private subscriber: Redis | undefined;

  constructor(
    private readonly db: Database,
    private readonly redis: Redis,
    /** The cell's Redis key prefix: only its own cell's announcements reach the cache. */
    private readonly prefix: string,
  ) {}

  /** Listens for announced changes on a dedicated connection (pub/sub blocks a connection). */
  async listen(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, orgId: string) => this.enforcers.delete(orgId));
    await this.subscriber.subscribe(policyChannel(this.prefix));
  }

  /** Announces to every process of the cell that an organization's policies changed (after the change committed). */
  async announceChange(orgId: string): Promise<void> {
    await this.redis.publish(policyChannel(this.prefix), orgId);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
  }

  enforcer(orgId: string): Promise<Enforcer> {
    const cached = this.enforcers.get(orgId);
    if (cached && Date.now() - cached.loaded < CACHE_TTL_MS) return cached.enforcer;
    if (this.enforcers.size >= MAX_CACHED_ORGS) this.enforcers.delete(this.enforcers.keys().next().value!);
    // Loaded as the request being served when it is of this organization: in a query operation that
    // is its read session's connection. On a connection of its own, a load could wait for the pool
    // while every connection is held by a read session whose request waits for this load.
    const ambient = currentRequestContext();
    const scope = ambient && principalOrgId(ambient.principal) === orgId ? ambient : { orgId, userId: null };
    const enforcer = this.db
      .transaction(scope, (em) => em.query('SELECT ptype, v0, v1, v2, v3 FROM authz.policies ORDER BY id'))
      .then((rows: PolicyRow[]) => enforcerWith(rows));
    enforcer.catch(() => this.enforcers.delete(orgId));
    this.enforcers.set(orgId, { loaded: Date.now(), enforcer });
    return enforcer;
  }
}

/** Which objects an Authorizer treats as those of restricted modules. */
export interface AuthorizerOptions {
  /** This subgraph is a restricted module: every object it checks is in module `<scope>`. */
  restricted?: boolean;
  /** The cell's restricted modules and their types (CELL_RESTRICTED_MODULES): objects of others' restricted modules, e.g. comments on an Invoice. */
  restrictedModules?: RestrictedModules;
}

/**
 * The one permission check of every subgraph, for resolvers and reference resolvers alike.
 * Users are judged by their organization role, their teams and what is shared with them; API
 * keys act as members of their organization, limited to their scopes (`<scope>:read`,
 * `<scope>:write`, where write includes read); anonymous callers may do nothing.
 *
 * Objects of a restricted module (see restricted-modules.ts) are out of members' and guests'
 * standing rights: they reach them through a grant on the module (`module:<scope>`, to them or a
 * team of theirs) or on the objects. Owners and admins keep every right. An API key (which only
 * owners and admins create) needs the module's own scope for them, then acts as a member.
 */
export class Authorizer {
  private readonly moduleOfType: ReadonlyMap<string, string>;

  constructor(
    private readonly policies: PolicyCache,
    /** The scope name of this subgraph's objects for API keys, e.g. "tasks". */
    private readonly scope: string,
    private readonly options: AuthorizerOptions = {},
  ) {
    this.moduleOfType = new Map(Object.entries(options.restrictedModules ?? {}).flatMap(([module, types]) => types.map((type) => [type, module] as const)));
  }

  /** The cell's restricted modules (by scope, sorted): what module grants may name. */
  restrictedModules(): string[] {
    const modules = new Set([...this.moduleOfType.values(), ...(this.options.restricted ? [this.scope] : [])]);
    return [...modules].sort();
  }

  /** The restricted module objects of `type` belong to, or null when they are in an open one. */
  moduleOf(type: string): string | null {
    return this.moduleOfType.get(type) ?? (this.options.restricted ? this.scope : null);
  }

  /** Announces that an organization's policies changed (call after the change committed). */
  announcePolicyChange(orgId: string): Promise<void> {
    return this.policies.announceChange(orgId);
  }

  /** May the caller perform `action` on `type`/`id` (or on the type as a whole when id is omitted)? */
  async can(request: RequestContext, action: Action, type: string, id?: string): Promise<boolean> {
    return (await this.allowed(request, action, type, [id ?? '*']))[0]!;
  }

  /** Throws FORBIDDEN unless the caller may perform `action`. */
  async require(request: RequestContext, action: Action, type: string, id?: string): Promise<void> {
    if (!(await this.can(request, action, type, id))) throw forbidden(text(kernelMessages.notAllowedOn, { action, type }));
  }

  /**
   * Guards a mutation on an existing object: one the caller cannot read is refused with
   * `notFound()` (its existence is not confirmed), one it reads but may not `action` with FORBIDDEN.
   */
  async requireExisting(request: RequestContext, action: Action, type: string, id: string, notFound: () => Error): Promise<void> {
    if (!(await this.can(request, 'read', type, id))) throw notFound();
    await this.require(request, action, type, id);
  }

  /** For each id, whether the caller may perform `action` on it (lists and references). */
  async allowed(request: RequestContext, action: Action, type: string, ids: readonly string[]): Promise<boolean[]> {
    const check = await this.checker(request.principal, action, type);
    if (check === 'all') return ids.map(() => true);
    if (check === 'none') return ids.map(() => false);
    return ids.map((id) => check(id === '*' ? typeWildcard(type) : objectKey(type, id)));
  }

  /**
   * Which objects of `type` the caller may read: null for all of them (a role or grant covers
   * the type), else the ids shared with the caller directly or through a team. In a restricted
   * module the standing roles of members and guests count for nothing, as in the matcher.
   */
  async readableIds(request: RequestContext, type: string): Promise<string[] | null> {
    const principal = request.principal;
    if (principal.kind === 'system') return null;
    if (await this.can(request, 'read', type)) return null;
    if (principal.kind !== 'user' || !principal.orgId) return [];
    const enforcer = await this.policies.enforcer(principal.orgId);
    const subjects = new Set([userSubject(principal.userId), ...(await enforcer.getImplicitRolesForUser(userSubject(principal.userId), principal.orgId))]);
    if (this.moduleOf(type)) for (const role of MODULE_BOUND_ROLES) subjects.delete(roleSubject(role));
    const relations = enforcer.getNamedRoleManager('g2')!;
    const ids = new Set<string>();
    for (const [subject, domain, object, relation] of await enforcer.getPolicy()) {
      if (!subjects.has(subject!) || (domain !== '*' && domain !== principal.orgId)) continue;
      if (!object!.startsWith(`${type}:`) || !(await relations.hasLink(relation!, 'read'))) continue;
      ids.add(object!.slice(type.length + 1));
    }
    return [...ids];
  }

  /** The caller's organization role, or null (not a member, or not a user). */
  async roleOf(orgId: string, userId: string): Promise<string | null> {
    const enforcer = await this.policies.enforcer(orgId);
    const roles = await enforcer.getRolesForUser(userSubject(userId), orgId);
    return roles.find((role) => role.startsWith('role:'))?.slice('role:'.length) ?? null;
  }

  /** The users holding exactly `role` in the organization (from its policies), e.g. a step's reviewers. */
  async usersWithRole(orgId: string, role: OrganizationRoleName): Promise<string[]> {
    const enforcer = await this.policies.enforcer(orgId);
    const subjects = await enforcer.getUsersForRole(roleSubject(role), orgId);
    return subjects.filter((subject) => subject.startsWith('user:')).map((subject) => subject.slice('user:'.length));
  }

  /** The users in a team of the organization (from its policies). */
  async teamMembers(orgId: string, teamId: string): Promise<string[]> {
    const enforcer = await this.policies.enforcer(orgId);
    const subjects = await enforcer.getUsersForRole(teamSubject(teamId), orgId);
    return subjects.filter((subject) => subject.startsWith('user:')).map((subject) => subject.slice('user:'.length));
  }

  /** The teams of the organization that `userId` belongs to (from its policies). */
  async teamsOf(orgId: string, userId: string): Promise<string[]> {
    const enforcer = await this.policies.enforcer(orgId);
    const roles = await enforcer.getRolesForUser(userSubject(userId), orgId);
    return roles.filter((role) => role.startsWith('team:')).map((role) => role.slice('team:'.length));
  }

  /** Whether `userId` belongs to `orgId` (any role). */
  async isMember(orgId: string, userId: string): Promise<boolean> {
    return (await this.roleOf(orgId, userId)) !== null;
  }

  private async checker(principal: Principal, action: Action, type: string): Promise<'all' | 'none' | ((object: string) => boolean)> {
    const module = this.moduleOf(type);
    const scopeOf = (scope: string) => `${scope}:${action === 'read' ? 'read' : 'write'}`;
    switch (principal.kind) {
      case 'anonymous':
        return 'none';
      case 'system':
        return 'all';
      case 'api_key': {
        if (!scopesGrant(principal.scopes, scopeOf(this.scope))) return 'none';
        // A restricted module's objects seen from another module (comments on an Invoice) need its scope too.
        if (module && !scopesGrant(principal.scopes, scopeOf(module))) return 'none';
        const enforcer = await this.policies.enforcer(principal.orgId);
        const subject = roleSubject('member');
        return (object) => enforcer.enforceSync(subject, principal.orgId, object, action, OPEN_MODULE);
      }
      case 'user': {
        if (!principal.orgId) return 'none';
        const orgId = principal.orgId;
        const enforcer = await this.policies.enforcer(orgId);
        const subject = userSubject(principal.userId);
        const inModule = module ? moduleObject(module) : OPEN_MODULE;
        return (object) => enforcer.enforceSync(subject, orgId, object, action, inModule);
      }
    }
  }
}
