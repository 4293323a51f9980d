import { formatDate as formatAppDate } from '../app/format';
import { describeError, describeUserErrors, type UserErrorLike } from '../app/errors';
import type { OrganizationRole } from '../gql/graphql';

export const ROLE_LABELS: Record<OrganizationRole, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member', GUEST: 'Guest' };
/** The roles a member can be given (ownership is handed over, never assigned). */
export const ASSIGNABLE_ROLES: OrganizationRole[] = ['ADMIN', 'MEMBER', 'GUEST'];

/** Owners and admins manage members, teams, invitations and API keys. */
export function canManage(role: OrganizationRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** Runs a mutation, returning a message for a transport failure or a user error, or null. */
export async function attempt(run: () => Promise<readonly UserErrorLike[] | null | undefined>): Promise<string | null> {
  try {
    return describeUserErrors(await run());
  } catch (caught) {
    return describeError(caught);
  }
}

/** A date, or a dash where a table cell has none. */
export function formatDate(value: string | null | undefined): string {
  return formatAppDate(value) || '—';
}
