import type { Authorizer, Database, PublicJwks } from '@cellgraph/kernel';
import type { ApiKeyService } from './api-key/api-key.service.js';
import type { AccountService } from './auth/account.service.js';
import type { RevocationCache } from './auth/revocation-cache.js';
import type { SessionService } from './auth/session.service.js';
import type { InvitationService } from './invitation/invitation.service.js';
import type { MfaService } from './mfa/mfa.service.js';
import type { OrganizationService } from './organization/organization.service.js';
import type { ModuleAccessService } from './permission/module-access.service.js';
import type { PermissionService } from './permission/permission.service.js';
import type { FeatureFlagService } from './feature-flag/feature-flag.service.js';
import type { ScheduledJobService } from './scheduled-job/scheduled-job.service.js';
import type { SettingsService } from './settings/settings.service.js';
import type { TeamService } from './team/team.service.js';
import type { UserService } from './user/user.service.js';

/** What identity's resolvers are built with, once per running subgraph. */
export interface IdentityServices {
  db: Database;
  authz: Authorizer;
  sessions: SessionService;
  revocations: RevocationCache;
  accounts: AccountService;
  users: UserService;
  mfa: MfaService;
  organizations: OrganizationService;
  teams: TeamService;
  invitations: InvitationService;
  apiKeys: ApiKeyService;
  permissions: PermissionService;
  moduleAccess: ModuleAccessService;
  settings: SettingsService;
  featureFlags: FeatureFlagService;
  /** The cell's scheduled jobs, queues and dead letters (platform administrators). */
  scheduledJobs: ScheduledJobService;
  /** Public keys of access tokens, published for the gateway and third parties. */
  jwks: PublicJwks;
}
