import { text, userError } from '@cellgraph/kernel';
import { authMessages } from '../messages.js';

/**
 * Every code accounts and sessions answer. `InvalidInput` is identity's shared malformed-input code
 * (the profile uses it too); `InvalidMfaCode` and `WrongPassword` are also answered by MFA.
 */
export const IdentityErrorCode = {
  InvalidInput: 'IDENTITY_INVALID_INPUT',
  EmailTaken: 'IDENTITY_EMAIL_TAKEN',
  InvalidCredentials: 'IDENTITY_INVALID_CREDENTIALS',
  AccountLocked: 'IDENTITY_ACCOUNT_LOCKED',
  NotAMember: 'IDENTITY_NOT_A_MEMBER',
  InvalidRefreshToken: 'IDENTITY_INVALID_REFRESH_TOKEN',
  InvalidResetToken: 'IDENTITY_INVALID_RESET_TOKEN',
  WrongPassword: 'IDENTITY_WRONG_PASSWORD',
  SoleOwner: 'IDENTITY_SOLE_OWNER',
  InvalidMfaChallenge: 'IDENTITY_INVALID_MFA_CHALLENGE',
  InvalidMfaCode: 'IDENTITY_INVALID_MFA_CODE',
} as const;

export const emailTaken = () => userError(IdentityErrorCode.EmailTaken, authMessages.emailTaken, ['input', 'email']);
export const invalidCredentials = () => userError(IdentityErrorCode.InvalidCredentials, authMessages.invalidCredentials);
export const accountLocked = (seconds: number) =>
  userError(IdentityErrorCode.AccountLocked, text(authMessages.accountLocked, { minutes: Math.ceil(seconds / 60) }));
export const notAMember = () => userError(IdentityErrorCode.NotAMember, authMessages.notAMember, ['input', 'organizationId']);
export const invalidRefreshToken = () => userError(IdentityErrorCode.InvalidRefreshToken, authMessages.invalidRefreshToken, ['input', 'refreshToken']);
export const invalidResetToken = () => userError(IdentityErrorCode.InvalidResetToken, authMessages.invalidResetToken, ['input', 'token']);
export const wrongPassword = (field: string) => userError(IdentityErrorCode.WrongPassword, authMessages.wrongPassword, ['input', field]);
export const soleOwner = (organization: string) => userError(IdentityErrorCode.SoleOwner, text(authMessages.soleOwner, { organization }));
export const invalidMfaChallenge = () => userError(IdentityErrorCode.InvalidMfaChallenge, authMessages.invalidMfaChallenge, ['input', 'challengeToken']);
export const invalidMfaCode = () => userError(IdentityErrorCode.InvalidMfaCode, authMessages.invalidMfaCode, ['input', 'code']);
