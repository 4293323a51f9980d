import { CodedError, userError } from '@cellgraph/kernel';

export const FeatureFlagErrorCode = {
  Invalid: 'FEATURE_FLAG_INVALID',
  NotFound: 'FEATURE_FLAG_NOT_FOUND',
  PlatformAdminRequired: 'PLATFORM_ADMIN_REQUIRED',
} as const;

/** Flags are the platform's, not a tenant's: FORBIDDEN for anyone but a platform administrator, whatever their organization role. */
export const platformAdminRequired = () =>
  new CodedError('FORBIDDEN', 'Only platform administrators manage feature flags', { reason: FeatureFlagErrorCode.PlatformAdminRequired });
export const flagNotFound = () => userError(FeatureFlagErrorCode.NotFound, 'No feature flag with this key', ['input', 'key']);
export const identityNotSwitchable = () =>
  userError(FeatureFlagErrorCode.Invalid, 'Identity cannot be switched off: it signs everyone in and manages the flags', ['input', 'key']);
