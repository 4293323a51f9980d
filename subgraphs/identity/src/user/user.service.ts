import { forbidden, unauthenticated, validateInput, type Database, type RequestContext } from '@cellgraph/kernel';
import { IdentityErrorCode } from '../auth/auth.errors.js';
import { User } from './user.entity.js';
import { PROFILE_FIELDS, userUpdateInput, type UserProfileChanges } from './user-profile.js';

type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A user's own profile: name, avatar, time zone and locale. */
export class UserService {
  constructor(private readonly db: Database) {}

  /**
   * Changes the signed-in user's profile. Invalid input changes nothing; a change is announced as
   * `user.updated` with the fields before and after.
   */
  async update(request: RequestContext, input: Record<string, unknown>): Promise<User> {
    const { principal } = request;
    if (principal.kind === 'anonymous') throw unauthenticated();
    if (principal.kind !== 'user') throw forbidden('Only a signed-in user can change their profile');
    const valid = validateInput(userUpdateInput, input, IdentityErrorCode.InvalidInput);
    return this.db.transaction({ userId: principal.userId, orgId: principal.orgId }, async (em) => {
      const user = await em.findOneByOrFail(User, { id: principal.userId });
      const changed = PROFILE_FIELDS.filter((field) => valid[field] !== undefined && valid[field] !== user[field]);
      if (changed.length === 0) return user;
      const pick = (source: Partial<Record<ProfileField, unknown>>) => Object.fromEntries(changed.map((field) => [field, source[field] ?? null]));
      const before = pick(user);
      const after = pick(valid as UserProfileChanges);
      await em.update(User, { id: user.id }, after);
      await this.db.emit(em, { type: 'user.updated', orgId: null, actorId: user.id, subject: { type: 'User', id: user.id }, data: { before, after } });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }
}
