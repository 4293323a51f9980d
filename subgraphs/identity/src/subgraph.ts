import { AccessTokenIssuer, defineSubgraph, publicPart, SecretBox, TokenRevocations } from '@cellgraph/kernel';
import { ApiKey } from './api-key/api-key.entity.js';
import { identityEvents } from './contracts.js';
import { ApiKeyResolver } from './api-key/api-key.resolver.js';
import { ApiKeyService } from './api-key/api-key.service.js';
import { identityKeyAccess } from './api-key/key-access.js';
import { AccountService } from './auth/account.service.js';
import { PasswordReset, RefreshToken, SessionRecord } from './auth/auth.entities.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { handOffMailer } from './auth/emails.js';
import { RevocationCache, revocationEntryTtl } from './auth/revocation-cache.js';
import { SessionService } from './auth/session.service.js';
import { parseIdentityConfig } from './config.js';
import { Invitation } from './invitation/invitation.entity.js';
import { InvitationResolver } from './invitation/invitation.resolver.js';
import { InvitationService } from './invitation/invitation.service.js';
import { MfaBackupCode, MfaFactor } from './mfa/mfa.entities.js';
import { MfaResolver } from './mfa/mfa.resolver.js';
import { MfaService } from './mfa/mfa.service.js';
import { migrations } from './migrations/index.js';
import { Membership } from './organization/membership.entity.js';
import { Organization } from './organization/organization.entity.js';
import { resolveOrganizationReference } from './organization/organization.reference.js';
import { MembershipResolver, OrganizationResolver } from './organization/organization.resolver.js';
import { OrganizationService } from './organization/organization.service.js';
import { ModuleAccessResolver } from './permission/module-access.resolver.js';
import { ModuleAccessService } from './permission/module-access.service.js';
import { PermissionResolver } from './permission/permission.resolver.js';
import { PermissionService } from './permission/permission.service.js';
import { LoginThrottle } from './security/login-throttle.js';
import type { IdentityServices } from './services.js';
import { Team, TeamMember } from './team/team.entities.js';
import { resolveTeamReference } from './team/team.reference.js';
import { TeamMemberResolver, TeamResolver } from './team/team.resolver.js';
import { TeamService } from './team/team.service.js';
import { User } from './user/user.entity.js';
import { resolveUserReference } from './user/user.reference.js';
import { UserResolver } from './user/user.resolver.js';
import { UserService } from './user/user.service.js';

export const identitySubgraph = defineSubgraph<IdentityServices>({
  name: 'identity',
  description: 'Accounts, sessions, organizations, teams, invitations, API keys and permissions.',
  ...identityKeyAccess,
  nodeTypes: ['User', 'Organization', 'Team'],
  trash: [{ type: 'Team', table: 'teams', event: 'team' }],
  dependsOn: [],
  secrets: ['AUTH_SIGNING_KEY', 'IDENTITY_ENCRYPTION_KEY'],
  migrations,
  entities: [User, Organization, Membership, SessionRecord, RefreshToken, PasswordReset, MfaFactor, MfaBackupCode, Team, TeamMember, Invitation, ApiKey],
  resolvers: [
    AuthResolver,
    MfaResolver,
    UserResolver,
    OrganizationResolver,
    MembershipResolver,
    TeamResolver,
    TeamMemberResolver,
    InvitationResolver,
    ApiKeyResolver,
    PermissionResolver,
    ModuleAccessResolver,
  ],
  references: { User: resolveUserReference, Organization: resolveOrganizationReference, Team: resolveTeamReference },
  emits: identityEvents,
  async createServices({ db, authz, redis, keyPrefix, mailer, graph, env, logger }) {
    const config = parseIdentityConfig(env);
    const tokens = await AccessTokenIssuer.create(config.AUTH_SIGNING_KEY, config.ACCESS_TOKEN_TTL_SECONDS);
    const revocations = new RevocationCache(
      db,
      new TokenRevocations(redis, keyPrefix, revocationEntryTtl(config.ACCESS_TOKEN_TTL_SECONDS)),
      config.ACCESS_TOKEN_TTL_SECONDS,
    );
    revocations.watch(redis, logger);
    const throttle = new LoginThrottle(redis, keyPrefix, {
      maxFailures: config.LOGIN_MAX_FAILURES,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
      attemptsPerWindow: config.LOGIN_ATTEMPTS_PER_WINDOW,
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      failedEmailsPerAddress: config.LOGIN_FAILED_EMAILS_PER_ADDRESS,
      addressWindowSeconds: config.LOGIN_ADDRESS_WINDOW_SECONDS,
    });
    const mfa = new MfaService(db, new SecretBox(config.IDENTITY_ENCRYPTION_KEY));
    const sessions = new SessionService({ db, tokens, revocations, throttle, mfa, redis, keyPrefix, refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS });
    const organizations = new OrganizationService(db, authz);
    const emails = handOffMailer(mailer, logger);
    const accounts = new AccountService({ db, sessions, organizations, mailer: emails, throttle, appUrl: config.APP_URL });
    const invitations = new InvitationService({ db, authz, redis, mailer: emails, sessions, organizations, appUrl: config.APP_URL });
    return {
      db,
      authz,
      sessions,
      revocations,
      accounts,
      users: new UserService(db, authz, mfa),
      mfa,
      organizations,
      teams: new TeamService(db, authz),
      invitations,
      apiKeys: new ApiKeyService(db, authz, redis, keyPrefix, config.CELL_API_KEY_SCOPES),
      permissions: new PermissionService(db, authz, graph),
      moduleAccess: new ModuleAccessService(db, authz),
      jwks: { keys: [publicPart(config.AUTH_SIGNING_KEY), ...(config.AUTH_PREVIOUS_PUBLIC_KEYS?.keys ?? [])] },
    };
  },
  publicRoutes(router, services) {
    // Public keys of access tokens: the gateway fetches them (and republishes them).
    router.get('/.well-known/jwks.json', (_req, res) => {
      res.set('Cache-Control', 'public, max-age=60').json(services.jwks);
    });
  },
});
