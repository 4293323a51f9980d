import { userError } from '@cellgraph/kernel';


export const IdentityErrorCode = {
  InvalidInput: 'IDENTITY_INVALID_INPUT',
} as const;

export const emailTaken = () => userError('IDENTITY_EMAIL_TAKEN', 'An account with this e-mail already exists', ['input', 'email']);
export const invalidCredentials = () => userError('IDENTITY_INVALID_CREDENTIALS', 'E-mail or password is incorrect');
export const accountLocked = (seconds: number) =>
  userError('IDENTITY_ACCOUNT_LOCKED', `Too many failed attempts: sign-in is locked for ${Math.ceil(seconds / 60)} more minutes`);
export const notAMember = () => userError('IDENTITY_NOT_A_MEMBER', 'You are not a member of this organization', ['input', 'organizationId']);
export const invalidRefreshToken = () => userError('IDENTITY_INVALID_REFRESH_TOKEN', 'This refresh token is not valid; sign in again', ['input', 'refreshToken']);
export const invalidResetToken = () => userError('IDENTITY_INVALID_RESET_TOKEN', 'This reset link is invalid or has expired', ['input', 'token']);
export const wrongPassword = (field: string) => userError('IDENTITY_WRONG_PASSWORD', 'The password is incorrect', ['input', field]);
export const soleOwner = (organization: string) =>
  userError('IDENTITY_SOLE_OWNER', `You own ${organization}, which has other members: transfer its ownership first`);
export const invalidMfaChallenge = () => userError('IDENTITY_INVALID_MFA_CHALLENGE', 'This sign-in has expired; start again', ['input', 'challengeToken']);
export const invalidMfaCode = () => userError('IDENTITY_INVALID_MFA_CODE', 'The code is not valid', ['input', 'code']);
export const mfaAlreadyEnabled = () => userError('IDENTITY_MFA_ALREADY_ENABLED', 'Two-factor authentication is already on');
export const mfaNotEnabled = () => userError('IDENTITY_MFA_NOT_ENABLED', 'Two-factor authentication is not on');
export const mfaNotStarted = () => userError('IDENTITY_MFA_NOT_STARTED', 'Start the enrollment first');
