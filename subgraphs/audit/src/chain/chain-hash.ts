import { createHash } from 'node:crypto';

/** The hash before an organization's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every recorded field but its own id and recording time, plus the previous hash. */
export interface HashedEntry {
  orgId: string;
  seq: number;
  eventId: string;
  action: string;
  /** ISO 8601 with milliseconds (what `Date#toISOString` prints). */
  occurredAt: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorApiKeyName: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  requestId: string | null;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always serializes
 * to the same bytes, whatever order Postgres's jsonb hands the keys back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** sha256 (hex) over the canonical serialization of the entry, its previous hash included. */
export function entryHash(entry: HashedEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}
