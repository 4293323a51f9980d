import { userError } from '@cellgraph/kernel';

/** Every code invitations answer. */
export const InvitationErrorCode = {
  InvalidInput: 'INVITATION_INVALID_INPUT',
  Invalid: 'INVITATION_INVALID',
  NotFound: 'INVITATION_NOT_FOUND',
  AlreadyMember: 'INVITATION_ALREADY_MEMBER',
  AlreadyPending: 'INVITATION_ALREADY_PENDING',
  SignInRequired: 'INVITATION_SIGN_IN_REQUIRED',
  EmailMismatch: 'INVITATION_EMAIL_MISMATCH',
  UnknownTeam: 'INVITATION_UNKNOWN_TEAM',
} as const;

export const invalidInvitation = () => userError(InvitationErrorCode.Invalid, 'This invitation is invalid, used, revoked or expired', ['input', 'token']);
export const invitationNotFound = () => userError(InvitationErrorCode.NotFound, 'No pending invitation with this id', ['input', 'id']);
export const alreadyMember = () => userError(InvitationErrorCode.AlreadyMember, 'This person is already a member', ['input', 'email']);
export const alreadyPending = () =>
  userError(InvitationErrorCode.AlreadyPending, 'This person already has a pending invitation: resend it instead', ['input', 'email']);
export const signInRequired = () =>
  userError(InvitationErrorCode.SignInRequired, 'An account exists for this e-mail: sign in, then accept the invitation', ['input', 'token']);
export const emailMismatch = () => userError(InvitationErrorCode.EmailMismatch, 'This invitation was sent to another e-mail address', ['input', 'token']);
export const unknownTeam = () => userError(InvitationErrorCode.UnknownTeam, 'A team does not exist in this organization', ['input', 'teamIds']);
