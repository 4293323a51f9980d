/** Formatting shared by every module, in the reader's locale. */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date-time of the API as a date ("Dec 4, 2026"); '' when there is none or it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? dateFormat.format(date) : '';
}

/** A date-time of the API with its time ("Dec 4, 2026, 6:42 PM"); '' when there is none. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? dateTimeFormat.format(date) : '';
}

/** A person's initials for an avatar: first and last name ("Ada King Lovelace" → "AL"). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters.map((part) => part[0]!.toUpperCase()).join('') || '?';
}

/** A random key that makes a create safe to retry (the API's idempotencyKey). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
