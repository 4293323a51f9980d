import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/**
 * One clear sentence for each coded error. The server's user errors already speak to people
 * (`userErrors[].message`); these cover the codes of GraphQL errors and transport failures, and
 * user-error codes whose server message is written for developers.
 */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Sign in again.',
  FORBIDDEN: 'You do not have access to this.',
  NOT_FOUND: 'This does not exist, or you cannot see it.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  SERVICE_UNAVAILABLE: 'This part of Cellgraph is unavailable right now. Try again shortly.',
  SUBGRAPH_UNAVAILABLE: 'This part of Cellgraph is unavailable right now. Try again shortly.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Try again.',
  PERSISTED_QUERY_NOT_FOUND: 'This page is out of date. Reload to get the latest version.',
  PERSISTED_DOCUMENT_REQUIRED: 'This page is out of date. Reload to get the latest version.',
  IDENTITY_INVALID_CREDENTIALS: 'That e-mail and password do not match.',
  IDENTITY_ACCOUNT_LOCKED: 'Too many failed sign-ins. Try again in 15 minutes.',
  IDENTITY_INVALID_MFA_CODE: 'That code is not right. Try the current code from your app, or a backup code.',
  IDENTITY_INVALID_MFA_CHALLENGE: 'This sign-in has expired. Start again.',
  IDENTITY_INVALID_RESET_TOKEN: 'This reset link is invalid or has expired. Ask for a new one.',
  IDENTITY_EMAIL_TAKEN: 'An account with this e-mail already exists. Sign in instead.',
  INVITATION_INVALID: 'This invitation is invalid, expired or already used.',
  INVITATION_SIGN_IN_REQUIRED: 'Sign in to accept this invitation.',
  INVITATION_EMAIL_MISMATCH: 'This invitation was sent to another e-mail address.',
  IDENTITY_SOLE_OWNER: 'The organization needs an owner. Hand ownership to another member first.',
  MEMBERSHIP_OWNER_ROLE_FIXED: 'The owner’s role cannot be changed. Hand ownership to another member first.',
  MEMBERSHIP_OWNER_CANNOT_LEAVE: 'The owner cannot be removed. Hand ownership to another member first.',
  MEMBERSHIP_INVALID_ROLE: 'That role cannot be given here.',
  IDENTITY_WRONG_PASSWORD: 'Your current password is not right.',
  IDENTITY_MFA_ALREADY_ENABLED: 'Two-factor authentication is already on.',
  IDENTITY_MFA_NOT_STARTED: 'Start the set-up again: it has expired.',
  IDENTITY_MFA_NOT_ENABLED: 'Two-factor authentication is already off.',
  TEAM_NAME_TAKEN: 'A team with this name already exists.',
  INVITATION_ALREADY_MEMBER: 'This person is already a member.',
  INVITATION_ALREADY_PENDING: 'This person already has a pending invitation. Resend it instead.',
  API_KEY_UNKNOWN_SCOPE: 'One of the scopes is not offered by this cell.',
  FOLDER_CYCLE: 'A folder cannot be moved into itself or into a folder inside it. Choose another destination.',
  FOLDER_NOT_FOUND: 'That folder is not there anymore, or you cannot see it.',
  INVOICE_TOKEN_INVALID: 'This invoice link is invalid or has expired. Ask the sender for a new one.',
  DOCUMENT_REVIEW_TOKEN_INVALID: 'This review link is invalid, has expired or was revoked. Ask the sender for a new one.',
};

export interface UserErrorLike {
  code?: string | null;
  message: string;
  field?: readonly string[] | null;
}

export function messageForCode(code: string | null | undefined, fallback: string): string {
  return (code && MESSAGES[code]) || fallback;
}

/** The message to show for a failed operation (network, GraphQL or HTTP). */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code as string | undefined;
    return messageForCode(code, first?.message ?? 'The request failed.');
  }
  if (ServerError.is(error)) {
    const code = codeOfBody(error.bodyText);
    if (code) return messageForCode(code, `The server answered ${error.statusCode}.`);
    if (error.statusCode === 401) return MESSAGES.UNAUTHENTICATED!;
    if (error.statusCode === 429) return MESSAGES.RATE_LIMITED!;
    if (error.statusCode >= 500) return MESSAGES.SERVICE_UNAVAILABLE!;
    return `The server answered ${error.statusCode}.`;
  }
  if (error instanceof TypeError) return 'Cannot reach Cellgraph. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
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
