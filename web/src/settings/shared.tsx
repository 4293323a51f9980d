import { formatDate as formatAppDate } from '../app/format';
import { describeError, describeUserErrors, type UserErrorLike } from '../app/errors';
import type { OrganizationRole } from '../gql/graphql';
import { activeTranslator, type Message } from '../app/i18n';
import { m } from './messages';

const ROLE_MESSAGES: Record<OrganizationRole, Message> = { OWNER: m.roleOwner, ADMIN: m.roleAdmin, MEMBER: m.roleMember, GUEST: m.roleGuest };

/** A role's name in the reader's language ("Admin"). */
export function roleLabel(role: OrganizationRole): string {
  const message = ROLE_MESSAGES[role];
  return message ? activeTranslator().t(message) : role;
}
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
