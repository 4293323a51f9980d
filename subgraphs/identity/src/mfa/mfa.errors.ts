import { userError } from '@cellgraph/kernel';
import { authMessages } from '../messages.js';

/** Every code MFA enrolment answers (plus identity's `IDENTITY_INVALID_MFA_CODE` and `IDENTITY_WRONG_PASSWORD`, from auth.errors). */
export const MfaErrorCode = {
  AlreadyEnabled: 'IDENTITY_MFA_ALREADY_ENABLED',
  NotEnabled: 'IDENTITY_MFA_NOT_ENABLED',
  NotStarted: 'IDENTITY_MFA_NOT_STARTED',
} as const;

export const mfaAlreadyEnabled = () => userError(MfaErrorCode.AlreadyEnabled, authMessages.mfaAlreadyEnabled);
export const mfaNotEnabled = () => userError(MfaErrorCode.NotEnabled, authMessages.mfaNotEnabled);
export const mfaNotStarted = () => userError(MfaErrorCode.NotStarted, authMessages.mfaNotStarted);
