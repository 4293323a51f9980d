import { KEY_FORBIDDEN, KEY_OPEN, type SubgraphKeyAccess } from '@cellgraph/kernel';

/**
 * What API keys may do in identity. A key never manages credentials or the account (sessions,
 * passwords, MFA, API keys, sign-up, the profile, organizations it would own, ownership), nor
 * membership and sharing: a key acts as a member of its organization, and those need an admin.
 */
export const identityKeyAccess: SubgraphKeyAccess = {
  scope: 'organization',
  scopeDescription: 'the organization, its teams and who can access what',
  keyAccess: {
    apiKeyScopes: KEY_OPEN,
    _apiKeyResolve: KEY_FORBIDDEN,
    _revocationCacheRebuild: KEY_FORBIDDEN,
    _revokedTokens: KEY_FORBIDDEN,
    apiKeyCreate: KEY_FORBIDDEN,
    apiKeyUpdate: KEY_FORBIDDEN,
    apiKeyRevoke: KEY_FORBIDDEN,
    userRegister: KEY_FORBIDDEN,
    sessionCreate: KEY_FORBIDDEN,
    sessionMfaVerify: KEY_FORBIDDEN,
    sessionRefresh: KEY_FORBIDDEN,
    sessionSwitchOrganization: KEY_FORBIDDEN,
    sessionRevoke: KEY_FORBIDDEN,
    sessionRevokeAll: KEY_FORBIDDEN,
    passwordResetRequest: KEY_FORBIDDEN,
    passwordReset: KEY_FORBIDDEN,
    passwordChange: KEY_FORBIDDEN,
    accountDeactivate: KEY_FORBIDDEN,
    mfaEnrollStart: KEY_FORBIDDEN,
    mfaEnrollConfirm: KEY_FORBIDDEN,
    mfaDisable: KEY_FORBIDDEN,
    invitationAccept: KEY_FORBIDDEN,
    organizationCreate: KEY_FORBIDDEN,
    organizationOwnershipTransfer: KEY_FORBIDDEN,
    userUpdate: KEY_FORBIDDEN,
    invitationCreate: KEY_FORBIDDEN,
    invitationResend: KEY_FORBIDDEN,
    invitationRevoke: KEY_FORBIDDEN,
    membershipUpdate: KEY_FORBIDDEN,
    membershipDelete: KEY_FORBIDDEN,
    permissionGrant: KEY_FORBIDDEN,
    permissionRevoke: KEY_FORBIDDEN,
    moduleAccessGrant: KEY_FORBIDDEN,
    moduleAccessRevoke: KEY_FORBIDDEN,
    // The platform's flags are no tenant's: keys (which act within an organization) never manage them.
    featureFlags: KEY_FORBIDDEN,
    featureFlagSet: KEY_FORBIDDEN,
    featureFlagDelete: KEY_FORBIDDEN,
    // Nor the cell's scheduled jobs and queues.
    scheduledJobs: KEY_FORBIDDEN,
    scheduledJobRuns: KEY_FORBIDDEN,
    jobQueues: KEY_FORBIDDEN,
    failedJobs: KEY_FORBIDDEN,
    scheduledJobSetEnabled: KEY_FORBIDDEN,
    scheduledJobRunNow: KEY_FORBIDDEN,
    failedJobRetry: KEY_FORBIDDEN,
  },
};
