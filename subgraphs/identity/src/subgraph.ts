import { AccessTokenIssuer, defineSubgraph, deletionEvents, publicPart, SecretBox, settingsNamespacesOf, TokenRevocations } from '@cellgraph/kernel';
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
import { FeatureFlagResolver } from './feature-flag/feature-flag.resolver.js';
import { FeatureFlagService } from './feature-flag/feature-flag.service.js';
import { ScheduledJobResolver } from './scheduled-job/scheduled-job.resolver.js';
import { ScheduledJobService } from './scheduled-job/scheduled-job.service.js';
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
import { identitySettings } from './settings/settings.declarations.js';
import { SettingsResolver } from './settings/settings.resolver.js';
import { SettingsService } from './settings/settings.service.js';
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
  description: 'Accounts, sessions, organizations, teams, invitations, API keys, permissions, settings and feature flags.',
  ...identityKeyAccess,
  // It signs everyone in and manages the flags: no `module.identity` switch.
  essential: true,
  settings: identitySettings,
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
    SettingsResolver,
    FeatureFlagResolver,
    ScheduledJobResolver,
  ],
  references: { User: resolveUserReference, Organization: resolveOrganizationReference, Team: resolveTeamReference },
  emits: identityEvents,
  // Sign-ins and their failures, credentials, MFA, API keys, members, roles, invitations, permissions and deletions.
  audited: [
    'user.signed_in',
    'user.sign_in_failed',
    'user.locked_out',
    'user.password_changed',
    'user.password_reset',
    'user.deactivated',
    'session.revoked_all',
    'session.refresh_token_reused',
    'mfa.*',
    'api_key.*',
    'organization.ownership_transferred',
    'membership.*',
    'invitation.*',
    'permission.*',
    'team.member_added',
    'team.member_removed',
    'settings.changed',
    ...deletionEvents(identityEvents),
  ],
  async createServices(runtime) {
    const { db, authz, redis, keyPrefix, mailer, graph, env, logger, features } = runtime;
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
    const settings = new SettingsService(db, authz, redis, keyPrefix, settingsNamespacesOf(env, { name: 'identity', settings: identitySettings }), logger);
    settings.serveFills(runtime.settings);
    const featureFlags = new FeatureFlagService(db, features, logger);
    featureFlags.watch(redis);
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
      settings,
      featureFlags,
      scheduledJobs: new ScheduledJobService(db, redis, keyPrefix, featureFlags),
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
