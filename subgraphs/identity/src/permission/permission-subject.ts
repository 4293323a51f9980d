import { parseGlobalId, teamSubject, userSubject, type Authorizer, type Database, type RequestContext } from '@cellgraph/kernel';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { invalidSubject } from './permission.errors.js';

/** Who a grant is given to: a member of the organization or one of its teams (members of a team inherit its grants). */
export interface PermissionSubjectRef {
  /** Its policy subject, `user:<uuid>` or `team:<uuid>`. */
  key: string;
  entity: User | Team;
}

/** The user (a member of `orgId`) or team a global id names; PERMISSION_INVALID_SUBJECT otherwise. */
export async function grantSubject(db: Database, authz: Authorizer, request: RequestContext, orgId: string, subjectId: string): Promise<PermissionSubjectRef> {
  const decoded = parseGlobalId(subjectId);
  if (decoded?.typeName === 'User' && (await authz.isMember(orgId, decoded.uuid))) {
    const user = await db.transaction(request, (em) => em.findOneBy(User, { id: decoded.uuid }));
    if (user) return { key: userSubject(user.id), entity: user };
  }
  if (decoded?.typeName === 'Team') {
    const team = await db.transaction(request, (em) => em.findOneBy(Team, { id: decoded.uuid }));
    if (team) return { key: teamSubject(team.id), entity: team };
  }
  throw invalidSubject();
}
