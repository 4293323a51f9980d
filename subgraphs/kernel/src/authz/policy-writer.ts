import type { EntityManager } from 'typeorm';
import { roleSubject, teamSubject, userSubject, type OrganizationRoleName, type Relation } from './model.js';

/**
 * Writes an organization's policies inside the caller's transaction (so a membership and its
 * policy commit or roll back together). Only the identity subgraph's role may write. The caller
 * announces the change after commit (`authz.announcePolicyChange`).
 */
export const policyWriter = {
  async setRole(em: EntityManager, orgId: string, userId: string, role: OrganizationRoleName | null): Promise<void> {
    await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ptype = 'g' AND v0 = $2 AND v1 LIKE 'role:%'`, [orgId, userSubject(userId)]);
    if (role) await insert(em, orgId, 'g', userSubject(userId), roleSubject(role), orgId);
  },

  async setTeamMember(em: EntityManager, orgId: string, userId: string, teamId: string, member: boolean): Promise<void> {
    if (member) await insert(em, orgId, 'g', userSubject(userId), teamSubject(teamId), orgId);
    else
      await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ptype = 'g' AND v0 = $2 AND v1 = $3`, [orgId, userSubject(userId), teamSubject(teamId)]);
  },

  /** Removes everything a team confers: its members' links and its grants. */
  async removeTeam(em: EntityManager, orgId: string, teamId: string): Promise<void> {
    await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ((ptype = 'g' AND v1 = $2) OR (ptype = 'p' AND v0 = $2))`, [orgId, teamSubject(teamId)]);
  },

  /** Removes a user's role, team links and grants in the organization. */
  async removeUser(em: EntityManager, orgId: string, userId: string): Promise<void> {
    await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND v0 = $2`, [orgId, userSubject(userId)]);
  },

  /** Gives `subject` (user:… or team:…) `relation` on `object` (`Task:<uuid>` or `Task:*`). */
  async grant(em: EntityManager, orgId: string, subject: string, object: string, relation: Relation): Promise<void> {
    await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ptype = 'p' AND v0 = $2 AND v2 = $3`, [orgId, subject, object]);
    await insert(em, orgId, 'p', subject, orgId, object, relation);
  },

  /** Removes what `subject` was granted on `object`; returns whether there was a grant. */
  async revoke(em: EntityManager, orgId: string, subject: string, object: string): Promise<boolean> {
    const [, count] = (await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ptype = 'p' AND v0 = $2 AND v2 = $3`, [orgId, subject, object])) as [
      unknown,
      number,
    ];
    return count > 0;
  },

  /** Removes every grant on an object (when the object is deleted for good). */
  async revokeObject(em: EntityManager, orgId: string, object: string): Promise<void> {
    await em.query(`DELETE FROM authz.policies WHERE org_id = $1 AND ptype = 'p' AND v2 = $2`, [orgId, object]);
  },
};

async function insert(em: EntityManager, orgId: string, ptype: 'p' | 'g', v0: string, v1: string, v2: string, v3: string | null = null): Promise<void> {
  await em.query(`INSERT INTO authz.policies (org_id, ptype, v0, v1, v2, v3) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [
    orgId,
    ptype,
    v0,
    v1,
    v2,
    v3,
  ]);
}
