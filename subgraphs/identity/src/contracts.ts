import { z } from 'zod';

/*
 * Identity's public contracts: the events it emits (type → schema of `data`), the only part of
 * identity other modules may import (`@cellgraph/identity/contracts`). Ids are UUIDs; values are
 * as consumers receive them (JSON).
 */

const id = z.string();
const empty = z.object({});
const role = z.enum(['owner', 'admin', 'member', 'guest']);
const changes = <T extends z.ZodRawShape>(shape: T) => z.object({ before: z.object(shape).partial(), after: z.object(shape).partial() });
const signIn = z.object({ emailHash: z.string() });

export const identityEvents = {
  'user.registered': empty,
  'user.updated': changes({ name: z.string().nullable(), avatarUrl: z.string().nullable(), timeZone: z.string().nullable(), locale: z.string().nullable() }),
  'user.password_changed': z.object({ signedOutSessions: z.number().int() }),
  'user.password_reset_requested': empty,
  'user.password_reset': empty,
  'user.deactivated': empty,
  'user.signed_in': z.object({ mfa: z.literal(true).optional() }),
  'user.sign_in_failed': signIn,
  'user.locked_out': signIn,
  'session.revoked': empty,
  'session.revoked_all': empty,
  'session.refresh_token_reused': empty,
  'mfa.enabled': empty,
  'mfa.disabled': empty,
  'organization.created': z.object({ name: z.string() }),
  'organization.updated': changes({ name: z.string() }),
  'organization.ownership_transferred': changes({ ownerId: id }),
  'membership.created': z.object({ email: z.string(), name: z.string().nullable(), role }),
  'membership.role_changed': changes({ role }),
  'membership.removed': z.object({ role }),
  'team.created': z.object({ name: z.string() }),
  'team.updated': changes({ name: z.string(), description: z.string().nullable() }),
  'team.deleted': z.object({ title: z.string() }),
  'team.restored': empty,
  'team.purged': empty,
  'settings.changed': z.object({ namespace: z.string(), scope: z.enum(['organization', 'user']), keys: z.array(z.string()) }),
  'team.member_added': z.object({ userId: id, role: z.enum(['lead', 'member']) }),
  'team.member_removed': z.object({ userId: id }),
  'api_key.created': z.object({ name: z.string(), scopes: z.array(z.string()) }),
  'api_key.updated': changes({ name: z.string().nullable(), rateLimit: z.number().int().nullable() }),
  'api_key.revoked': z.object({ name: z.string() }),
  'invitation.created': z.object({ email: z.string(), role }),
  'invitation.resent': empty,
  'invitation.revoked': empty,
  'invitation.accepted': z.object({ role }),
  'permission.granted': z.object({ subject: z.string(), relation: z.string() }),
  'permission.revoked': z.object({ subject: z.string() }),
  'permission.module_granted': z.object({ module: z.string(), subject: z.string(), relation: z.string() }),
  'permission.module_revoked': z.object({ module: z.string(), subject: z.string() }),
} as const;

export type IdentityEvents = typeof identityEvents;
