import {
  isUniqueViolation,
  requireUserId,
  uuidv7,
  validateInput,
  type Database,
  type Mailer,
  type RequestContext,
  hashSecretToken,
  newSecretToken,
} from '@cellgraph/kernel';
import { IsNull } from 'typeorm';
import { z } from 'zod';
import { Membership, OrganizationRole } from '../organization/membership.entity.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { LoginThrottle } from '../security/login-throttle.js';
import { TOKEN_PREFIX } from '../security/secret-tokens.js';
import { User } from '../user/user.entity.js';
import { PasswordReset, SessionRecord } from './auth.entities.js';
import { emailTaken, IdentityErrorCode, invalidResetToken, soleOwner, wrongPassword } from './auth.errors.js';
import type { PasswordChangeInput, PasswordResetInput, Session, UserRegisterInput } from './auth.inputs.js';
import { passwordResetEmail } from './emails.js';
import { hashPassword, passwordPolicy, verifyPassword } from './password.js';
import { emailSchema, type SessionService } from './session.service.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

export const personName = z
  .string()
  .trim()
  .min(1, zodMessage(identityValidationMessages.nameRequired))
  .max(100, zodMessage(identityValidationMessages.nameTooLong));
const registerInput = z.object({ email: emailSchema, name: personName, password: passwordPolicy, organizationName: personName.nullish() });
const RESET_TTL_MS = 60 * 60 * 1000;

export interface AccountServiceOptions {
  db: Database;
  sessions: SessionService;
  organizations: OrganizationService;
  /** Hands e-mail over without waiting (see handOffMailer). */
  mailer: Pick<Mailer, 'send'>;
  throttle: LoginThrottle;
  appUrl: string;
}

/** Accounts: registration, password change and reset, deactivation. */
export class AccountService {
  constructor(private readonly options: AccountServiceOptions) {}

  private get db() {
    return this.options.db;
  }

  /** Creates the account, a personal organization and the owner membership at once, and signs in. */
  async register(input: UserRegisterInput): Promise<Session> {
    const valid = validateInput(registerInput, input, IdentityErrorCode.InvalidInput);
    const passwordHash = await hashPassword(valid.password);
    const userId = uuidv7();
    const orgId = uuidv7();
    let user: User;
    try {
      user = await this.db.transaction({ userId, orgId }, async (em, hooks) => {
        const created = await em.save(em.create(User, { id: userId, email: valid.email, name: valid.name, passwordHash, deactivatedAt: null }));
        await this.db.emit(em, { type: 'user.registered', orgId: null, actorId: userId, subject: { type: 'User', id: userId } });
        await this.options.organizations.createWithOwner(em, hooks, orgId, valid.organizationName ?? `${valid.name}'s workspace`, userId);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw emailTaken();
      throw error;
    }
    return this.options.sessions.open(user, orgId);
  }

  /** Changes the password; every other session of the user is signed out. */
  async changePassword(request: RequestContext, input: PasswordChangeInput): Promise<void> {
    const userId = requireUserId(request);
    const newPassword = validateInput(z.object({ newPassword: passwordPolicy }), input, IdentityErrorCode.InvalidInput).newPassword;
    const user = await this.withHash(userId);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw wrongPassword('currentPassword');
    const passwordHash = await hashPassword(newPassword);
    const currentSession = request.principal.kind === 'user' ? (request.principal.sessionId ?? null) : null;
    await this.db.transaction(request, async (em, hooks) => {
      await em.update(User, { id: userId }, { passwordHash });
      const others = (await em.find(SessionRecord, { where: { userId, revokedAt: IsNull() } })).filter((s) => s.id !== currentSession);
      for (const session of others) await em.update(SessionRecord, { id: session.id }, { revokedAt: new Date() });
      await this.db.emit(em, { type: 'user.password_changed', orgId: null, subject: { type: 'User', id: userId }, data: { signedOutSessions: others.length } });
      hooks.afterCommit(async () => {
        for (const session of others) await this.options.sessions.revokeSessionTokens(session.id);
      });
    });
  }

  /**
   * Sends a reset link (valid one hour, once) when the e-mail has an active account; answers the
   * same either way, so the request reveals nothing.
   */
  async requestPasswordReset(emailInput: string): Promise<void> {
    const email = validateInput(z.object({ email: emailSchema }), { email: emailInput }, IdentityErrorCode.InvalidInput).email;
    await this.options.throttle.attempt(email);
    const user = await this.options.sessions.findByEmail(email);
    if (!user || user.deactivatedAt) return;
    const reset = newSecretToken(TOKEN_PREFIX.passwordReset);
    const id = uuidv7();
    await this.db.transaction({ userId: user.id, orgId: null }, async (em, hooks) => {
      await em.insert(PasswordReset, { id, userId: user.id, tokenHash: reset.hash, expiresAt: new Date(Date.now() + RESET_TTL_MS), usedAt: null });
      await this.db.emit(em, { type: 'user.password_reset_requested', orgId: null, actorId: user.id, subject: { type: 'User', id: user.id } });
      const link = `${this.options.appUrl}/reset-password?token=${encodeURIComponent(reset.token)}`;
      hooks.afterCommit(() => this.options.mailer.send(passwordResetEmail(user, link), `password-reset-${id}`));
    });
  }

  /** Sets a new password with a reset token; signs out every session of the user. */
  async resetPassword(input: PasswordResetInput): Promise<void> {
    const password = validateInput(z.object({ password: passwordPolicy }), { password: input.password }, IdentityErrorCode.InvalidInput).password;
    const tokenHash = hashSecretToken(input.token);
    const found = await this.db.transaction({ userId: null, orgId: null, settings: { token_hash: tokenHash } }, (em) =>
      em.findOneBy(PasswordReset, { tokenHash }),
    );
    if (!found) throw invalidResetToken();
    const passwordHash = await hashPassword(password);
    const reset = await this.db.transaction({ userId: found.userId, orgId: null, settings: { token_hash: tokenHash } }, async (em) => {
      const locked = await em.findOne(PasswordReset, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.usedAt || locked.expiresAt <= new Date()) return null;
      await em.update(PasswordReset, { id: locked.id }, { usedAt: new Date() });
      await em.update(User, { id: locked.userId }, { passwordHash });
      return locked;
    });
    if (!reset) throw invalidResetToken();
    await this.options.sessions.revokeAllOf(reset.userId, 'user.password_reset');
  }

  /**
   * Deactivates the account after checking the password: it can no longer sign in and every
   * session ends. An owner of an organization with other members must hand it over first.
   */
  async deactivate(request: RequestContext, password: string): Promise<void> {
    const userId = requireUserId(request);
    const user = await this.withHash(userId);
    if (!(await verifyPassword(user.passwordHash, password))) throw wrongPassword('password');
    const owned = await this.db.transaction({ userId, orgId: null }, (em) => em.find(Membership, { where: { userId, role: OrganizationRole.OWNER } }));
    for (const { orgId } of owned) {
      const blocking = await this.db.transaction({ userId, orgId }, async (em) =>
        (await em.countBy(Membership, { orgId })) > 1 ? ((await this.options.organizations.nameOf(em, orgId)) ?? 'an organization') : null,
      );
      if (blocking) throw soleOwner(blocking);
    }
    await this.db.transaction({ userId, orgId: null }, (em) => em.update(User, { id: userId }, { deactivatedAt: new Date() }));
    await this.options.sessions.revokeAllOf(userId, 'user.deactivated');
  }

  private withHash(userId: string): Promise<User> {
    return this.db.transaction({ userId, orgId: null }, (em) =>
      em.createQueryBuilder(User, 'user').addSelect('user.passwordHash').where('user.id = :userId', { userId }).getOneOrFail(),
    );
  }
}
