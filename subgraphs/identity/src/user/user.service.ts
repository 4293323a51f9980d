import {
  AggregateAccess,
  forbidden,
  requireUserId,
  unauthenticated,
  validateInput,
  type Authorizer,
  type Database,
  type LoaderRegistry,
  type RequestContext,
  readableWhereVisible,
} from '@cellgraph/kernel';
import type { MfaService } from '../mfa/mfa.service.js';
import { Membership } from '../organization/membership.entity.js';
import { User } from './user.entity.js';
import { UserErrorCode, userNotFound } from './user.errors.js';
import { PROFILE_FIELDS, userUpdateInput, type UserProfileChanges } from './user-profile.js';
import { authMessages } from '../messages.js';

type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Whether the caller is this user (their own memberships and second factor are theirs alone). */
const isSelf = (request: RequestContext, user: User) => request.principal.kind === 'user' && request.principal.userId === user.id;

/** Users: the signed-in user, their own profile, memberships and second factor. */
export class UserService {
  /**
   * Users by id as the caller's organization sees them: row-level security lets through the users
   * who share an organization with the caller, and each of them is readable (no per-user permission).
   */
  readonly access: AggregateAccess<User>;

  constructor(
    private readonly db: Database,
    authz: Authorizer,
    private readonly mfa: MfaService,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'User',
      entity: User,
      table: 'identity.users',
      notFound: userNotFound,
      readableOf: readableWhereVisible,
    });
  }

  /** The signed-in user; UNAUTHENTICATED once the account no longer exists or was deactivated. */
  async me(loaders: LoaderRegistry, request: RequestContext): Promise<User> {
    const user = await this.access.loadReadable(loaders, request, requireUserId(request));
    if (!user || user.deactivatedAt) throw unauthenticated(authMessages.accountGone);
    return user;
  }

  /** The organizations the user belongs to, in the order joined; null unless the caller is that user. */
  async ownMemberships(request: RequestContext, user: User): Promise<Membership[] | null> {
    if (!isSelf(request, user)) return null;
    return this.db.transaction({ userId: user.id, orgId: null }, (em) => em.find(Membership, { where: { userId: user.id }, order: { createdAt: 'ASC' } }));
  }

  /** Whether two-factor authentication is on; null unless the caller is that user. */
  async ownMfaEnabled(request: RequestContext, user: User): Promise<boolean | null> {
    if (!isSelf(request, user)) return null;
    return this.mfa.isEnabled(user.id);
  }

  /**
   * Changes the signed-in user's profile. Invalid input changes nothing; a change is announced as
   * `user.updated` with the fields before and after.
   */
  async update(request: RequestContext, input: Record<string, unknown>): Promise<User> {
    const { principal } = request;
    if (principal.kind === 'anonymous') throw unauthenticated();
    if (principal.kind !== 'user') throw forbidden(authMessages.onlyUserChangesProfile);
    const valid = validateInput(userUpdateInput, input, UserErrorCode.InvalidInput);
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
