import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';

export const ORGANIZATION_ROLES = ['owner', 'admin', 'member', 'guest'] as const;
export type OrganizationRoleName = (typeof ORGANIZATION_ROLES)[number];

/**
 * The roles whose standing rights stop at a restricted module's boundary (the matcher below names
 * them): there they act only through module grants and grants on single objects. Owners and admins
 * keep theirs everywhere.
 */
export const MODULE_BOUND_ROLES: readonly OrganizationRoleName[] = ['member', 'guest'];

/*
 * One casbin model for the whole platform (DESIGN.md decision 6):
 *  - subjects: `user:<uuid>`, `team:<uuid>`, `role:<owner|admin|member|guest>`;
 *  - g (with the organization as domain): a user's organization role and team memberships;
 *  - p: a subject holds a relation (owner ⊇ editor ⊇ viewer) on an object (`Task:<uuid>`), on every
 *    object of a type (`Task:*`) or on everything (`*`), in one organization or in all (`*`);
 *  - g2: what each relation allows: viewer → read, editor → write, owner → manage;
 *  - restricted modules (e.g. finance): a request names the module its object belongs to
 *    (`r.mod = "module:finance"`, "" for an open module). There the standing rights of members and
 *    guests do not reach; a grant on the module itself (`p.obj = "module:finance"`) covers every
 *    object of the module, and grants on single objects or types count as anywhere.
 * A request asks: may this subject perform this action on this object (of this module) in this organization?
 */
export const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act, mod

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == "*" || r.dom == p.dom) && (keyMatch(r.obj, p.obj) || p.obj == r.mod) && g2(p.act, r.act) && (r.mod == "" || (${MODULE_BOUND_ROLES.map((role) => `p.sub != "role:${role}"`).join(' && ')}))
`;

export const RELATIONS = ['viewer', 'editor', 'owner'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Action = 'read' | 'write' | 'manage';

/** What every organization starts with: the roles' standing relations on everything. */
const ROLE_POLICIES: [string, string, string, Relation][] = [
  ['role:owner', '*', '*', 'owner'],
  ['role:admin', '*', '*', 'owner'],
  ['role:member', '*', '*', 'editor'],
  // guests hold nothing by default: only what is shared with them or their teams
];

const RELATION_GRAPH: [string, string][] = [
  ['owner', 'editor'],
  ['editor', 'viewer'],
  ['viewer', 'read'],
  ['editor', 'write'],
  ['owner', 'manage'],
];

/** A stored policy row: `p` grants and `g` memberships of one organization. */
export interface PolicyRow {
  ptype: 'p' | 'g';
  v0: string;
  v1: string;
  v2: string;
  v3: string | null;
}

/** An enforcer holding the built-in policies plus `rows` (one organization's). */
export async function enforcerWith(rows: readonly PolicyRow[]): Promise<Enforcer> {
  const enforcer = await newEnforcer(newModelFromString(CASBIN_MODEL));
  await enforcer.addPolicies(ROLE_POLICIES);
  await enforcer.addNamedGroupingPolicies('g2', RELATION_GRAPH);
  const grants = rows.filter((row) => row.ptype === 'p').map((row) => [row.v0, row.v1, row.v2, row.v3 ?? '']);
  const links = rows.filter((row) => row.ptype === 'g').map((row) => [row.v0, row.v1, row.v2]);
  if (grants.length) await enforcer.addPolicies(grants);
  if (links.length) await enforcer.addGroupingPolicies(links);
  return enforcer;
}

/** `Task:<uuid>`: how objects are named in policies. */
export const objectKey = (type: string, id: string) => `${type}:${id}`;
export const typeWildcard = (type: string) => `${type}:*`;
export const userSubject = (userId: string) => `user:${userId}`;
export const teamSubject = (teamId: string) => `team:${teamId}`;
export const roleSubject = (role: OrganizationRoleName) => `role:${role}`;
/** `module:finance`: the object of a grant on every object of a restricted module (named by its API-key scope). */
export const moduleObject = (module: string) => `module:${module}`;
/** The request's module field for objects of open modules. */
export const OPEN_MODULE = '';
