import { KEY_FORBIDDEN, KEY_OPEN, type SubgraphKeyAccess } from '@cellgraph/kernel';

const MEMBERS_WRITE = 'members:write';

/**
 * What API keys may do in identity. A key never manages credentials or the account (sessions,
 * passwords, MFA, API keys, sign-up, the profile, organizations it would own, ownership); membership and
 * sharing need the dedicated `members:write`.
 */
export const identityKeyAccess: SubgraphKeyAccess = {
  scope: 'organization',
  scopeDescription: 'the organization, its teams and who can access what',
  extraScopes: [{ name: MEMBERS_WRITE, description: 'Invite people, change members’ roles, remove members, share objects with members and teams' }],
  keyAccess: {
    apiKeyScopes: KEY_OPEN,
    _apiKeyResolve: KEY_FORBIDDEN,
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
    invitationCreate: MEMBERS_WRITE,
    invitationResend: MEMBERS_WRITE,
    invitationRevoke: MEMBERS_WRITE,
    membershipUpdate: MEMBERS_WRITE,
    membershipDelete: MEMBERS_WRITE,
    permissionGrant: MEMBERS_WRITE,
    permissionRevoke: MEMBERS_WRITE,
  },
};
