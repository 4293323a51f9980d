import { userError } from '@cellgraph/kernel';
import { invitationMessages } from '../messages.js';

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

export const invalidInvitation = () => userError(InvitationErrorCode.Invalid, invitationMessages.invalid, ['input', 'token']);
export const invitationNotFound = () => userError(InvitationErrorCode.NotFound, invitationMessages.notFound, ['input', 'id']);
export const alreadyMember = () => userError(InvitationErrorCode.AlreadyMember, invitationMessages.alreadyMember, ['input', 'email']);
export const alreadyPending = () => userError(InvitationErrorCode.AlreadyPending, invitationMessages.alreadyPending, ['input', 'email']);
export const signInRequired = () => userError(InvitationErrorCode.SignInRequired, invitationMessages.signInRequired, ['input', 'token']);
export const emailMismatch = () => userError(InvitationErrorCode.EmailMismatch, invitationMessages.emailMismatch, ['input', 'token']);
export const unknownTeam = () => userError(InvitationErrorCode.UnknownTeam, invitationMessages.unknownTeam, ['input', 'teamIds']);
