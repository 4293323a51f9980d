import { OrganizationRole } from './membership.entity.js';

const RANK: Record<OrganizationRole, number> = {
  [OrganizationRole.OWNER]: 3,
  [OrganizationRole.ADMIN]: 2,
  [OrganizationRole.MEMBER]: 1,
  [OrganizationRole.GUEST]: 0,
};

/**
 * Who may change whose role: the owner may give anyone but themselves any role below owner; an
 * admin may move members and guests between member and guest. Nobody sets OWNER this way (that is
 * a transfer of ownership), and nobody changes the owner's role.
 */
export function mayChangeRole(actor: OrganizationRole | null, from: OrganizationRole, to: OrganizationRole): boolean {
  if (!actor || to === OrganizationRole.OWNER || from === OrganizationRole.OWNER) return false;
  if (actor === OrganizationRole.OWNER) return true;
  if (actor === OrganizationRole.ADMIN) return RANK[from] < RANK.admin && RANK[to] < RANK.admin;
  return false;
}

/** Who may remove whom: anyone but the owner may leave; owners remove anyone else, admins members and guests. */
export function mayRemove(actor: OrganizationRole | null, actorIsTarget: boolean, target: OrganizationRole): boolean {
  if (target === OrganizationRole.OWNER) return false;
  if (actorIsTarget) return true;
  if (actor === OrganizationRole.OWNER) return true;
  return actor === OrganizationRole.ADMIN && RANK[target] < RANK.admin;
}

/** Who may invite with which role: owners any role but owner, admins members and guests. */
export function mayInvite(actor: OrganizationRole | null, role: OrganizationRole): boolean {
  if (role === OrganizationRole.OWNER) return false;
  if (actor === OrganizationRole.OWNER) return true;
  return actor === OrganizationRole.ADMIN && RANK[role] < RANK.admin;
}
