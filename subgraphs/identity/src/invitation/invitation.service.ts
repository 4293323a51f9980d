import {
  forbidden,
  fromGlobalId,
  globalIdOf,
  isUniqueViolation,
  policyWriter,
  principalUserId,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Database,
  type EmailMessage,
  type Mailer,
  type Translator,
  translator,
  type Redis,
  type RequestContext,
  hashSecretToken,
  newSecretToken,
} from '@cellgraph/kernel';
import { In, IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { personName } from '../auth/account.service.js';
import type { Session } from '../auth/auth.inputs.js';
import { hashPassword, passwordPolicy } from '../auth/password.js';
import { emailSchema, type SessionService } from '../auth/session.service.js';
import { Membership, OrganizationRole } from '../organization/membership.entity.js';
import { Organization } from '../organization/organization.entity.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { mayInvite } from '../organization/role-rules.js';
import { TOKEN_PREFIX } from '../security/secret-tokens.js';
import { Team, TeamMember, TeamRole } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { emitMembershipCreated } from '../organization/membership.events.js';
import { Invitation } from './invitation.entity.js';
import {
  alreadyMember,
  alreadyPending,
  emailMismatch,
  invalidInvitation,
  InvitationErrorCode,
  invitationNotFound,
  signInRequired,
  unknownTeam,
} from './invitation.errors.js';
import { zodMessage } from '@cellgraph/kernel/core';
import { invitationMessages, identityValidationMessages } from '../messages.js';

/** The translator of an organization's default locale and time zone (its `organization` settings), read in `em`. */
async function organizationReader(em: EntityManager, orgId: string): Promise<Translator> {
  const rows: { value: { defaultLocale?: unknown; defaultTimeZone?: unknown } }[] = await em.query(
    `SELECT value FROM identity.settings WHERE org_id = $1 AND namespace = 'organization' AND scope = 'organization'`,
    [orgId],
  );
  const value = rows[0]?.value ?? {};
  const locale = typeof value.defaultLocale === 'string' ? value.defaultLocale : null;
  const timeZone = typeof value.defaultTimeZone === 'string' ? value.defaultTimeZone : null;
  return translator(locale, timeZone);
}

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const createInput = z.object({
  email: emailSchema,
  role: z.enum([OrganizationRole.ADMIN, OrganizationRole.MEMBER, OrganizationRole.GUEST], zodMessage(identityValidationMessages.inviteRole)),
  teamIds: z.array(globalIdOf('Team')).max(50).default([]),
});

export interface InvitationServiceOptions {
  db: Database;
  authz: Authorizer;
  redis: Redis;
  /** Hands e-mail over without waiting (see handOffMailer). */
  mailer: Pick<Mailer, 'send'>;
  sessions: SessionService;
  organizations: OrganizationService;
  appUrl: string;
}

/** Invitations: sent by e-mail (queued), resent, revoked, accepted once by a new or existing user. */
export class InvitationService {
  constructor(private readonly options: InvitationServiceOptions) {}

  private get db() {
    return this.options.db;
  }

  async create(request: RequestContext, input: { email: string; role: OrganizationRole; teamIds?: string[] | null }): Promise<Invitation> {
    const orgId = requireOrgId(request);
    const invitedBy = requireUserId(request);
    await this.options.authz.require(request, 'manage', 'Organization', orgId);
    const valid = validateInput(createInput, { ...input, teamIds: input.teamIds ?? [] }, InvitationErrorCode.InvalidInput);
    if (!mayInvite(await this.options.organizations.roleOf(request), valid.role)) throw forbidden(invitationMessages.mayNotInviteWithRole);
    const token = newSecretToken(TOKEN_PREFIX.invitation);
    try {
      return await this.db.transaction(request, async (em, hooks) => {
        const member = await em
          .createQueryBuilder(Membership, 'm')
          .innerJoin(User, 'u', 'u.id = m.userId')
          .where('m.orgId = :orgId AND u.email = :email', { orgId, email: valid.email })
          .getCount();
        if (member) throw alreadyMember();
        if (valid.teamIds.length && (await em.countBy(Team, { id: In(valid.teamIds) })) !== new Set(valid.teamIds).size) throw unknownTeam();
        const invitation = em.create(Invitation, {
          id: uuidv7(),
          orgId,
          email: valid.email,
          role: valid.role,
          teamIds: valid.teamIds,
          tokenHash: token.hash,
          invitedBy,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
          acceptedAt: null,
          acceptedBy: null,
          revokedAt: null,
        });
        await em.insert(Invitation, invitation);
        await this.db.emit(em, {
          type: 'invitation.created',
          orgId,
          subject: { type: 'Invitation', id: invitation.id },
          data: { email: valid.email, role: valid.role },
        });
        const message = await this.email(em, invitation, token.token);
        hooks.afterCommit(() => this.options.mailer.send(message, `invitation-${invitation.id}-${token.hash.slice(0, 16)}`));
        return em.findOneByOrFail(Invitation, { id: invitation.id });
      });
    } catch (caught) {
      if (isUniqueViolation(caught, 'invitations_pending_key')) throw alreadyPending();
      throw caught;
    }
  }

  /** Sends a pending invitation again with a new link, valid 7 more days (the old link stops working). */
  async resend(request: RequestContext, id: string): Promise<Invitation> {
    const orgId = requireOrgId(request);
    await this.options.authz.require(request, 'manage', 'Organization', orgId);
    const invitationId = fromGlobalId('Invitation', id);
    const token = newSecretToken(TOKEN_PREFIX.invitation);
    return this.db.transaction(request, async (em, hooks) => {
      const invitation = await em.findOne(Invitation, {
        where: { id: invitationId, acceptedAt: IsNull(), revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation) throw invitationNotFound();
      await em.update(Invitation, { id: invitationId }, { tokenHash: token.hash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) });
      await this.db.emit(em, { type: 'invitation.resent', orgId, subject: { type: 'Invitation', id: invitationId } });
      const message = await this.email(em, invitation, token.token);
      hooks.afterCommit(() => this.options.mailer.send(message, `invitation-${invitationId}-${token.hash.slice(0, 16)}`));
      return em.findOneByOrFail(Invitation, { id: invitationId });
    });
  }

  async revoke(request: RequestContext, id: string): Promise<Invitation> {
    const orgId = requireOrgId(request);
    await this.options.authz.require(request, 'manage', 'Organization', orgId);
    const invitationId = fromGlobalId('Invitation', id);
    return this.db.transaction(request, async (em) => {
      const revoked = await em.update(Invitation, { id: invitationId, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!revoked.affected) throw invitationNotFound();
      await this.db.emit(em, { type: 'invitation.revoked', orgId, subject: { type: 'Invitation', id: invitationId } });
      return em.findOneByOrFail(Invitation, { id: invitationId });
    });
  }

  /** The teams an invitation's invitee joins on accepting (those of the caller's organization that still exist). */
  async teamsOf(request: RequestContext, invitation: Invitation): Promise<Team[]> {
    if (!invitation.teamIds.length) return [];
    return this.db.transaction(request, (em) => em.findBy(Team, { id: In(invitation.teamIds) }));
  }

  /**
   * Accepts an invitation: a signed-in user whose e-mail it was sent to joins; someone without an
   * account creates one (name and password) and joins. The link works once. Returns a session in
   * the organization.
   */
  async accept(request: RequestContext, input: { token: string; name?: string | null; password?: string | null }): Promise<Session> {
    const tokenHash = hashSecretToken(input.token);
    const found = await this.db.transaction({ userId: null, orgId: null, settings: { token_hash: tokenHash } }, (em) =>
      em.findOneBy(Invitation, { tokenHash }),
    );
    if (!found || found.status !== 'pending') throw invalidInvitation();
    const callerId = principalUserId(request.principal);
    let userId: string;
    let newUser: { name: string; passwordHash: string } | null = null;
    if (callerId) {
      const caller = await this.db.transaction({ userId: callerId, orgId: null }, (em) => em.findOneByOrFail(User, { id: callerId }));
      if (caller.email !== found.email) throw emailMismatch();
      userId = callerId;
    } else {
      if (await this.options.sessions.findByEmail(found.email)) throw signInRequired();
      const valid = validateInput(
        z.object({ name: personName, password: passwordPolicy }),
        { name: input.name ?? '', password: input.password ?? '' },
        InvitationErrorCode.InvalidInput,
      );
      userId = uuidv7();
      newUser = { name: valid.name, passwordHash: await hashPassword(valid.password) };
    }
    const orgId = found.orgId;
    const user = await this.db.transaction({ userId, orgId, settings: { token_hash: tokenHash } }, async (em, hooks) => {
      const invitation = await em.findOne(Invitation, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || invitation.status !== 'pending') throw invalidInvitation();
      if (newUser) await em.insert(User, { id: userId, email: invitation.email, ...newUser, deactivatedAt: null });
      if (!(await em.findOneBy(Membership, { orgId, userId }))) {
        await em.insert(Membership, { orgId, userId, role: invitation.role });
        await policyWriter.setRole(em, orgId, userId, invitation.role);
        await emitMembershipCreated(this.db, em, orgId, userId, invitation.role);
      }
      for (const teamId of invitation.teamIds) {
        if (!(await em.findOneBy(Team, { id: teamId }))) continue; // deleted since the invitation
        await em.upsert(TeamMember, { teamId, userId, orgId, role: TeamRole.MEMBER }, ['teamId', 'userId']);
        await policyWriter.setTeamMember(em, orgId, userId, teamId, true);
      }
      await em.update(Invitation, { id: invitation.id }, { acceptedAt: new Date(), acceptedBy: userId });
      await this.db.emit(em, {
        type: 'invitation.accepted',
        orgId,
        actorId: userId,
        subject: { type: 'Invitation', id: invitation.id },
        data: { role: invitation.role },
      });
      hooks.afterCommit(() => this.options.authz.announcePolicyChange(orgId));
      return em.findOneByOrFail(User, { id: userId });
    });
    return this.options.sessions.open(user, orgId);
  }

  private async email(em: EntityManager, invitation: Invitation, token: string): Promise<EmailMessage> {
    const organization = await em.findOneByOrFail(Organization, { id: invitation.orgId });
    const inviter = await em.findOneBy(User, { id: invitation.invitedBy });
    const link = `${this.options.appUrl}/invitations/accept?token=${encodeURIComponent(token)}`;
    // The invitee has no profile yet: the organization's default locale and time zone.
    const reader = await organizationReader(em, invitation.orgId);
    return {
      to: invitation.email,
      subject: reader.t(invitationMessages.emailSubject, { organization: organization.name }),
      text: reader.t(invitationMessages.emailText, {
        inviter: inviter?.name ?? 'none',
        organization: organization.name,
        role: invitation.role,
        expiresAt: reader.date(invitation.expiresAt, 'dateTime'),
        link,
      }),
    };
  }
}
