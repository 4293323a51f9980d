import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { activeTranslator, type Message } from './i18n';
import { errorMessages } from './messages';

/**
 * One clear sentence for each coded error, in the reader's language. The server's user errors
 * already speak to people (`userErrors[].message`, in the request's language); these cover the
 * codes of GraphQL errors and transport failures, and user-error codes whose server message is
 * written for developers.
 */
const MESSAGES: Readonly<Record<string, Message>> = {
  UNAUTHENTICATED: errorMessages.unauthenticated,
  FORBIDDEN: errorMessages.forbidden,
  NOT_FOUND: errorMessages.notFound,
  RATE_LIMITED: errorMessages.rateLimited,
  SERVICE_UNAVAILABLE: errorMessages.serviceUnavailable,
  SUBGRAPH_UNAVAILABLE: errorMessages.serviceUnavailable,
  INTERNAL_SERVER_ERROR: errorMessages.internalServerError,
  PERSISTED_QUERY_NOT_FOUND: errorMessages.outdatedPage,
  PERSISTED_DOCUMENT_REQUIRED: errorMessages.outdatedPage,
  IDENTITY_INVALID_CREDENTIALS: errorMessages.identityInvalidCredentials,
  IDENTITY_ACCOUNT_LOCKED: errorMessages.identityAccountLocked,
  IDENTITY_INVALID_MFA_CODE: errorMessages.identityInvalidMfaCode,
  IDENTITY_INVALID_MFA_CHALLENGE: errorMessages.identityInvalidMfaChallenge,
  IDENTITY_INVALID_RESET_TOKEN: errorMessages.identityInvalidResetToken,
  IDENTITY_EMAIL_TAKEN: errorMessages.identityEmailTaken,
  INVITATION_INVALID: errorMessages.invitationInvalid,
  INVITATION_SIGN_IN_REQUIRED: errorMessages.invitationSignInRequired,
  INVITATION_EMAIL_MISMATCH: errorMessages.invitationEmailMismatch,
  IDENTITY_SOLE_OWNER: errorMessages.identitySoleOwner,
  MEMBERSHIP_OWNER_ROLE_FIXED: errorMessages.membershipOwnerRoleFixed,
  MEMBERSHIP_OWNER_CANNOT_LEAVE: errorMessages.membershipOwnerCannotLeave,
  MEMBERSHIP_INVALID_ROLE: errorMessages.membershipInvalidRole,
  IDENTITY_WRONG_PASSWORD: errorMessages.identityWrongPassword,
  IDENTITY_MFA_ALREADY_ENABLED: errorMessages.identityMfaAlreadyEnabled,
  IDENTITY_MFA_NOT_STARTED: errorMessages.identityMfaNotStarted,
  IDENTITY_MFA_NOT_ENABLED: errorMessages.identityMfaNotEnabled,
  TEAM_NAME_TAKEN: errorMessages.teamNameTaken,
  INVITATION_ALREADY_MEMBER: errorMessages.invitationAlreadyMember,
  INVITATION_ALREADY_PENDING: errorMessages.invitationAlreadyPending,
  API_KEY_UNKNOWN_SCOPE: errorMessages.apiKeyUnknownScope,
  FOLDER_CYCLE: errorMessages.folderCycle,
  FOLDER_NOT_FOUND: errorMessages.folderNotFound,
  INVOICE_TOKEN_INVALID: errorMessages.invoiceTokenInvalid,
  DOCUMENT_REVIEW_TOKEN_INVALID: errorMessages.documentReviewTokenInvalid,
};
const say = (message: Message, values?: Record<string, unknown>) => activeTranslator().t(message, values);

export interface UserErrorLike {
  code?: string | null;
  message: string;
  field?: readonly string[] | null;
}

export function messageForCode(code: string | null | undefined, fallback: string): string {
  const message = code && Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined;
  return message ? say(message) : fallback;
}

/** The message to show for a failed operation (network, GraphQL or HTTP). */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code as string | undefined;
    return messageForCode(code, first?.message ?? say(errorMessages.requestFailed));
  }
  if (ServerError.is(error)) {
    const code = codeOfBody(error.bodyText);
    if (code) return messageForCode(code, say(errorMessages.serverAnswered, { status: error.statusCode }));
    if (error.statusCode === 401) return say(errorMessages.unauthenticated);
    if (error.statusCode === 429) return say(errorMessages.rateLimited);
    if (error.statusCode >= 500) return say(errorMessages.serviceUnavailable);
    return say(errorMessages.serverAnswered, { status: error.statusCode });
  }
  if (error instanceof TypeError) return say(errorMessages.unreachable);
  return error instanceof Error ? error.message : say(errorMessages.unknown);
}

/** The first user error's message, in the words of its code when we have them. */
export function describeUserErrors(errors: readonly UserErrorLike[] | null | undefined): string | null {
  const first = errors?.[0];
  return first ? messageForCode(first.code, first.message) : null;
}

/** Each field's first error (by the last part of its path), to show it next to that field. */
export function fieldErrors(errors: readonly UserErrorLike[] | null | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of errors ?? []) {
    const name = error.field?.[error.field.length - 1];
    if (name && !byField[name]) byField[name] = messageForCode(error.code, error.message);
  }
  return byField;
}

/**
 * User errors split by input field: `byField["email"]`, `byField["customFields.tier"]` (the path
 * below `input`), and the message of those no field of the form shows, for a notice.
 */
export function splitUserErrors(
  errors: readonly UserErrorLike[] | null | undefined,
  formFields: readonly string[],
): { byField: Record<string, string>; general: string | null } {
  const byField: Record<string, string> = {};
  const rest: UserErrorLike[] = [];
  for (const error of errors ?? []) {
    const path = (error.field ?? []).filter((part, index) => !(index === 0 && part === 'input')).join('.');
    if (path && formFields.includes(path) && !byField[path]) byField[path] = messageForCode(error.code, error.message);
    else rest.push(error);
  }
  return { byField, general: describeUserErrors(rest) };
}

function codeOfBody(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}
