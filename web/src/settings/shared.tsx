import { useState } from 'react';
import { describeError, describeUserErrors, type UserErrorLike } from '../app/errors';
import type { OrganizationRole } from '../gql/graphql';

export const ROLE_LABELS: Record<OrganizationRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member', GUEST: 'Guest' };
/** The roles a member can be given (ownership is handed over, never assigned). */
export const ASSIGNABLE_ROLES: OrganizationRole[] = ['ADMIN', 'MEMBER', 'GUEST'];

/** Owners and admins manage members, teams, invitations and API keys. */
export function canManage(role: OrganizationRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/**
 * Clear sentences for the codes of the settings pages whose server message is terse.
 * (Candidates for the shared table in app/errors.ts.)
 */
const MESSAGES: Record<string, string> = {
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
};

/** The first user error's message (settings wording first, then the app's). */
export function userErrorMessage(errors: readonly UserErrorLike[] | null | undefined): string | null {
  const first = errors?.[0];
  if (!first) return null;
  return (first.code && MESSAGES[first.code]) || describeUserErrors(errors);
}

/** The field an error is about (the last part of its path), to show it next to that field. */
export function fieldErrors(errors: readonly UserErrorLike[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors ?? []) {
    const name = error.field?.[error.field.length - 1];
    if (name && !out[name]) out[name] = (error.code && MESSAGES[error.code]) || error.message;
  }
  return out;
}

/** Runs a mutation, returning a message for a transport failure or a user error, or null. */
export async function attempt(run: () => Promise<readonly UserErrorLike[] | null | undefined>): Promise<string | null> {
  try {
    return userErrorMessage(await run());
  } catch (caught) {
    return describeError(caught);
  }
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export const PAGE_SIZE = 25;

interface PageInfoLike {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** The variables of one page of a connection, moved by its cursors. */
export function useCursorPages(size = PAGE_SIZE) {
  const [variables, setVariables] = useState<{ first?: number; after?: string; last?: number; before?: string }>({ first: size });
  return {
    variables,
    reset: () => setVariables({ first: size }),
    paging(pageInfo: PageInfoLike | undefined) {
      if (!pageInfo || (!pageInfo.hasNextPage && !pageInfo.hasPreviousPage && !variables.after && !variables.before)) return undefined;
      return {
        // Going back from the last page with `before` gives a page whose hasPreviousPage is exact;
        // going forward with `after` always has a page before it.
        hasPreviousPage: Boolean(variables.after) || pageInfo.hasPreviousPage,
        hasNextPage: Boolean(variables.before) || pageInfo.hasNextPage,
        onPrevious: () => pageInfo.startCursor && setVariables({ last: size, before: pageInfo.startCursor }),
        onNext: () => pageInfo.endCursor && setVariables({ first: size, after: pageInfo.endCursor }),
      };
    },
  };
}
