import { userError } from '@cellgraph/kernel';

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

export const emailTaken = () => userError(IdentityErrorCode.EmailTaken, 'An account with this e-mail already exists', ['input', 'email']);
export const invalidCredentials = () => userError(IdentityErrorCode.InvalidCredentials, 'E-mail or password is incorrect');
export const accountLocked = (seconds: number) =>
  userError(IdentityErrorCode.AccountLocked, `Too many failed attempts: sign-in is locked for ${Math.ceil(seconds / 60)} more minutes`);
export const notAMember = () => userError(IdentityErrorCode.NotAMember, 'You are not a member of this organization', ['input', 'organizationId']);
export const invalidRefreshToken = () =>
  userError(IdentityErrorCode.InvalidRefreshToken, 'This refresh token is not valid; sign in again', ['input', 'refreshToken']);
export const invalidResetToken = () => userError(IdentityErrorCode.InvalidResetToken, 'This reset link is invalid or has expired', ['input', 'token']);
export const wrongPassword = (field: string) => userError(IdentityErrorCode.WrongPassword, 'The password is incorrect', ['input', field]);
export const soleOwner = (organization: string) =>
  userError(IdentityErrorCode.SoleOwner, `You own ${organization}, which has other members: transfer its ownership first`);
export const invalidMfaChallenge = () => userError(IdentityErrorCode.InvalidMfaChallenge, 'This sign-in has expired; start again', ['input', 'challengeToken']);
export const invalidMfaCode = () => userError(IdentityErrorCode.InvalidMfaCode, 'The code is not valid', ['input', 'code']);
