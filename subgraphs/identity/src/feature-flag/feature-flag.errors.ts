import { CodedError, userError } from '@cellgraph/kernel';
import { accessMessages } from '../messages.js';

export const FeatureFlagErrorCode = {
  Invalid: 'FEATURE_FLAG_INVALID',
  NotFound: 'FEATURE_FLAG_NOT_FOUND',
  PlatformAdminRequired: 'PLATFORM_ADMIN_REQUIRED',
} as const;

/** Flags are the platform's, not a tenant's: FORBIDDEN for anyone but a platform administrator, whatever their organization role. */
export const platformAdminRequired = () =>
  new CodedError('FORBIDDEN', accessMessages.platformAdminRequired, { reason: FeatureFlagErrorCode.PlatformAdminRequired });
export const flagNotFound = () => userError(FeatureFlagErrorCode.NotFound, accessMessages.flagNotFound, ['input', 'key']);
export const identityNotSwitchable = () => userError(FeatureFlagErrorCode.Invalid, accessMessages.identityNotSwitchable, ['input', 'key']);
