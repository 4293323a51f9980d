import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';

/*
 * One casbin model for the whole platform (DESIGN.md decision 6):
 *  - subjects: `user:<uuid>`, `team:<uuid>`, `role:<owner|admin|member|guest>`;
 *  - g (with the organization as domain): a user's organization role and team memberships;
 *  - p: a subject holds a relation (owner ⊇ editor ⊇ viewer) on an object (`Task:<uuid>`), on every
 *    object of a type (`Task:*`) or on everything (`*`), in one organization or in all (`*`);
 *  - g2: what each relation allows: viewer → read, editor → write, owner → manage.
 * A request asks: may this subject perform this action on this object in this organization?
 */
export const CASBIN_MODEL = `
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _
g2 = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == "*" || r.dom == p.dom) && (p.obj == "*" || keyMatch(r.obj, p.obj)) && g2(p.act, r.act)
`;

export const ORGANIZATION_ROLES = ['owner', 'admin', 'member', 'guest'] as const;
export type OrganizationRoleName = (typeof ORGANIZATION_ROLES)[number];

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
