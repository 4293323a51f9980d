import { createHash } from 'node:crypto';
import {
  parseGlobalId,
  requireUserId,
  uuidv7,
  type AccessTokenIssuer,
  type Database,
  type Redis,
  type RequestContext,
  hashSecretToken,
  newSecretToken,
} from '@cellgraph/kernel';
import { IsNull } from 'typeorm';
import { z } from 'zod';
import type { MfaService } from '../mfa/mfa.service.js';
import { Membership } from '../organization/membership.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { LoginThrottle } from '../security/login-throttle.js';
import { TOKEN_PREFIX } from '../security/secret-tokens.js';
import { User } from '../user/user.entity.js';
import { RefreshToken, SessionRecord } from './auth.entities.js';
import { RevocationCache } from './revocation-cache.js';
import { accountLocked, invalidCredentials, invalidMfaChallenge, invalidMfaCode, invalidRefreshToken, notAMember } from './auth.errors.js';
import type { MfaChallenge, Session, SessionCreateInput } from './auth.inputs.js';
import { verifyPassword } from './password.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email(zodMessage(identityValidationMessages.email)).max(254));
const DAY_MS = 86_400_000;
const MFA_CHALLENGE_SECONDS = 5 * 60;
const MFA_MAX_ATTEMPTS = 5;

export interface SessionServiceOptions {
  db: Database;
  tokens: AccessTokenIssuer;
  revocations: RevocationCache;
  throttle: LoginThrottle;
  mfa: MfaService;
  redis: Redis;
  keyPrefix: string;
  refreshTokenTtlDays: number;
}

/**
 * Sessions: sign-in (throttled, locked after repeated failures, with a second factor when on),
 * refresh-token rotation with reuse detection, sign-out of one or every session, and switching
 * the organization a session acts in.
 */
export class SessionService {
  constructor(private readonly options: SessionServiceOptions) {}

  private get db() {
    return this.options.db;
  }

  /** `clientAddress`: where the attempt comes from, for the throttle across e-mails (password spraying). */
  async signIn(input: SessionCreateInput, clientAddress?: string): Promise<{ session?: Session; mfaChallenge?: MfaChallenge }> {
    const email = emailSchema.safeParse(input.email).data ?? input.email.trim().toLowerCase();
    const { throttle } = this.options;
    await throttle.checkAddress(clientAddress);
    await throttle.attempt(email);
    const lockedFor = await throttle.lockedFor(email);
    if (lockedFor > 0) throw accountLocked(lockedFor);

    const user = await this.findByEmail(email);
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
    if (!passwordOk || !user || user.deactivatedAt) {
      const locked = await throttle.fail(email, clientAddress);
      await this.recordFailure(user, 'user.sign_in_failed', { emailHash: hashEmail(email) });
      if (locked) await this.recordFailure(user, 'user.locked_out', { emailHash: hashEmail(email) });
      throw invalidCredentials();
    }
    await throttle.succeed(email);

    const orgId = await this.chooseOrganization(user.id, input.organizationId ?? null);
    if (await this.options.mfa.isEnabled(user.id)) return { mfaChallenge: await this.startMfaChallenge(user.id, orgId) };
    await this.recordSecurityEvent(user, 'user.signed_in', {}, orgId);
    return { session: await this.open(user, orgId) };
  }

  /** Completes a sign-in that needed a second factor. */
  async verifyMfa(challengeToken: string, code: string): Promise<Session> {
    const key = `${this.options.keyPrefix}:mfa-challenge:${hashSecretToken(challengeToken)}`;
    const { redis } = this.options;
    const challenge = await redis.hgetall(key);
    if (!challenge.userId) throw invalidMfaChallenge();
    if ((await redis.hincrby(key, 'attempts', 1)) > MFA_MAX_ATTEMPTS) {
      await redis.del(key);
      throw invalidMfaChallenge();
    }
    if (!(await this.options.mfa.verifyCode(challenge.userId, code))) throw invalidMfaCode();
    if ((await redis.del(key)) === 0) throw invalidMfaChallenge(); // a concurrent verification won
    const user = await this.db.transaction({ userId: challenge.userId, orgId: null }, (em) => em.findOneByOrFail(User, { id: challenge.userId }));
    const orgId = challenge.orgId || null;
    await this.recordSecurityEvent(user, 'user.signed_in', { mfa: true }, orgId);
    return this.open(user, orgId);
  }

  /** Opens a session for a user who proved who they are (sign-in, registration, invitation). */
  async open(user: User, orgId: string | null): Promise<Session> {
    const sessionId = uuidv7();
    const refresh = newSecretToken(TOKEN_PREFIX.refresh);
    const expiresAt = new Date(Date.now() + this.options.refreshTokenTtlDays * DAY_MS);
    await this.db.transaction({ userId: user.id, orgId }, async (em) => {
      await em.insert(SessionRecord, { id: sessionId, userId: user.id, orgId, expiresAt, revokedAt: null });
      await em.insert(RefreshToken, { id: uuidv7(), sessionId, userId: user.id, tokenHash: refresh.hash, expiresAt, usedAt: null });
    });
    return this.session(user, orgId, sessionId, { token: refresh.token, expiresAt });
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token. A refresh token works
   * once: presenting one that was already exchanged means it was stolen (or replayed), and every
   * session of its user is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const tokenHash = hashSecretToken(refreshToken);
    const found = await this.db.transaction({ userId: null, orgId: null, settings: { token_hash: tokenHash } }, (em) =>
      em.findOneBy(RefreshToken, { tokenHash }),
    );
    if (!found) throw invalidRefreshToken();
    const next = newSecretToken(TOKEN_PREFIX.refresh);
    const now = new Date();
    const outcome = await this.db.transaction({ userId: found.userId, orgId: null, settings: { token_hash: tokenHash } }, async (em, hooks) => {
      const token = await em.findOne(RefreshToken, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      const session = await em.findOne(SessionRecord, { where: { id: found.sessionId }, lock: { mode: 'pessimistic_write' } });
      const user = await em.findOneBy(User, { id: found.userId });
      if (!token || !session || !user) return null;
      if (token.usedAt) {
        await em.update(SessionRecord, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
        await this.db.emit(em, { type: 'session.refresh_token_reused', orgId: null, actorId: user.id, subject: { type: 'User', id: user.id } });
        const generation = await RevocationCache.raiseGeneration(em, user.id);
        hooks.afterCommit(() => this.options.revocations.raisedGeneration(user.id, generation));
        return null;
      }
      if (session.revokedAt || token.expiresAt <= now || session.expiresAt <= now || user.deactivatedAt) return null;
      const expiresAt = new Date(now.getTime() + this.options.refreshTokenTtlDays * DAY_MS);
      await em.update(RefreshToken, { id: token.id }, { usedAt: now });
      await em.update(SessionRecord, { id: session.id }, { expiresAt });
      await em.insert(RefreshToken, { id: uuidv7(), sessionId: session.id, userId: user.id, tokenHash: next.hash, expiresAt, usedAt: null });
      return { user, session, expiresAt };
    });
    if (!outcome) throw invalidRefreshToken();
    return this.session(outcome.user, outcome.session.orgId, outcome.session.id, { token: next.token, expiresAt: outcome.expiresAt });
  }

  /** Signs out the caller's session: its refresh tokens and access tokens stop working. */
  async revoke(request: RequestContext): Promise<number> {
    const userId = requireUserId(request);
    const sessionId = request.principal.kind === 'user' ? request.principal.sessionId : null;
    if (!sessionId) return 0;
    return this.db.transaction(request, async (em, hooks) => {
      const result = await em.update(SessionRecord, { id: sessionId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.db.emit(em, { type: 'session.revoked', orgId: null, subject: { type: 'User', id: userId } });
      hooks.afterCommit(() => this.options.revocations.revokeSession(sessionId));
      return result.affected ?? 0;
    });
  }

  /** Makes the access tokens of a session (revoked in the database) stop working at once. */
  revokeSessionTokens(sessionId: string): Promise<void> {
    return this.options.revocations.revokeSession(sessionId);
  }

  /** Signs out every session of the caller ("sign out everywhere"). */
  async revokeAll(request: RequestContext): Promise<number> {
    return this.revokeAllOf(requireUserId(request), 'session.revoked_all');
  }

  /** Revokes every session and access token of a user (also after a reset or deactivation). */
  async revokeAllOf(userId: string, eventType: string): Promise<number> {
    return this.db.transaction({ userId, orgId: null }, async (em, hooks) => {
      const result = await em.update(SessionRecord, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.db.emit(em, { type: eventType, orgId: null, actorId: userId, subject: { type: 'User', id: userId } });
      const generation = await RevocationCache.raiseGeneration(em, userId);
      hooks.afterCommit(() => this.options.revocations.raisedGeneration(userId, generation));
      return result.affected ?? 0;
    });
  }

  /** Points the caller's session at another of their organizations and issues a token for it. */
  async switchOrganization(request: RequestContext, organizationId: string): Promise<Session> {
    const userId = requireUserId(request);
    const sessionId = request.principal.kind === 'user' ? request.principal.sessionId : null;
    const decoded = parseGlobalId(organizationId);
    if (decoded?.typeName !== 'Organization' || !sessionId) throw notAMember();
    const orgId = await this.chooseOrganization(userId, organizationId);
    const user = await this.db.transaction({ userId, orgId: null }, async (em) => {
      await em.update(SessionRecord, { id: sessionId, userId }, { orgId });
      return em.findOneByOrFail(User, { id: userId });
    });
    return this.session(user, orgId, sessionId, null);
  }

  private async session(user: User, orgId: string | null, sessionId: string, refresh: { token: string; expiresAt: Date } | null): Promise<Session> {
    const [generation, organization] = await this.db.transaction(
      { userId: user.id, orgId },
      async (em) => [await RevocationCache.generation(em, user.id), orgId ? await em.findOneBy(Organization, { id: orgId }) : null] as const,
    );
    const { token, expiresAt } = await this.options.tokens.issue({ userId: user.id, orgId, sessionId, generation });
    return { accessToken: token, expiresAt, refreshToken: refresh?.token ?? null, refreshTokenExpiresAt: refresh?.expiresAt ?? null, user, organization };
  }

  /** The account with this e-mail, password hash included (row-level security lets exactly it through). */
  async findByEmail(email: string): Promise<User | null> {
    return this.db.transaction({ userId: null, orgId: null, settings: { auth_email: email } }, (em) =>
      em.createQueryBuilder(User, 'user').addSelect('user.passwordHash').where('user.email = :email', { email }).getOne(),
    );
  }

  /** The requested organization (which the user must belong to), else the first one they joined. */
  private async chooseOrganization(userId: string, organizationId: string | null): Promise<string | null> {
    const requested = organizationId ? parseGlobalId(organizationId) : null;
    if (organizationId && requested?.typeName !== 'Organization') throw notAMember();
    const memberships = await this.db.transaction({ userId, orgId: null }, (em) => em.find(Membership, { where: { userId }, order: { createdAt: 'ASC' } }));
    const chosen = requested ? memberships.find((m) => m.orgId === requested.uuid) : memberships[0];
    if (requested && !chosen) throw notAMember();
    return chosen?.orgId ?? null;
  }

  private async startMfaChallenge(userId: string, orgId: string | null): Promise<MfaChallenge> {
    const challenge = newSecretToken(TOKEN_PREFIX.mfaChallenge);
    const key = `${this.options.keyPrefix}:mfa-challenge:${challenge.hash}`;
    await this.options.redis
      .multi()
      .hset(key, { userId, orgId: orgId ?? '', attempts: 0 })
      .expire(key, MFA_CHALLENGE_SECONDS)
      .exec();
    return { challengeToken: challenge.token, expiresAt: new Date(Date.now() + MFA_CHALLENGE_SECONDS * 1000) };
  }

  /**
   * A failed sign-in concerns every organization of a known user (their audit logs record it), so
   * it is one event per organization; an unknown e-mail's, or a user's without any, has none.
   */
  private async recordFailure(user: User | null, type: string, data: Record<string, unknown>): Promise<void> {
    const orgIds = user
      ? await this.db.transaction({ userId: user.id, orgId: null }, async (em) =>
          (await em.find(Membership, { where: { userId: user.id } })).map((m) => m.orgId),
        )
      : [];
    if (!orgIds.length) return this.recordSecurityEvent(user, type, data);
    for (const orgId of orgIds) await this.recordSecurityEvent(user, type, data, orgId);
  }

  private async recordSecurityEvent(user: User | null, type: string, data: Record<string, unknown>, orgId: string | null = null): Promise<void> {
    await this.db.transaction({ userId: user?.id ?? null, orgId }, (em) =>
      this.db.emit(em, { type, orgId, actorId: user?.id ?? null, subject: user ? { type: 'User', id: user.id } : null, data }),
    );
  }
}

function hashEmail(email: string): string {
  return createHash('sha256').update(email).digest('hex');
}
