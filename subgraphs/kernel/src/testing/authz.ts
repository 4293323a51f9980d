import { roleSubject, teamSubject, userSubject, type OrganizationRoleName, type Relation } from '../authz/model.js';
import { withClient } from './database.js';

/*
 * Fixtures for subgraph tests that run without identity: policies written straight into the
 * policy store of a test database (as the administrator), as identity would write them.
 */

/** Makes `userId` a member of `orgId` with `role`. */
export async function grantOrganizationRole(databaseUrl: string, orgId: string, userId: string, role: OrganizationRoleName): Promise<void> {
  await insertPolicy(databaseUrl, orgId, 'g', userSubject(userId), roleSubject(role), orgId);
}

/** Puts `userId` in team `teamId` of `orgId`. */
export async function addToTeam(databaseUrl: string, orgId: string, userId: string, teamId: string): Promise<void> {
  await insertPolicy(databaseUrl, orgId, 'g', userSubject(userId), teamSubject(teamId), orgId);
}

/** Gives `subject` (user:… or team:…) `relation` on `object` (`Task:<uuid>`). */
export async function grantRelation(databaseUrl: string, orgId: string, subject: string, object: string, relation: Relation): Promise<void> {
  await insertPolicy(databaseUrl, orgId, 'p', subject, orgId, object, relation);
}

async function insertPolicy(databaseUrl: string, orgId: string, ptype: 'p' | 'g', v0: string, v1: string, v2: string, v3: string | null = null): Promise<void> {
  await withClient(databaseUrl, (client) =>
    client.query('INSERT INTO authz.policies (org_id, ptype, v0, v1, v2, v3) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [
      orgId,
      ptype,
      v0,
      v1,
      v2,
      v3,
    ]),
  );
}
