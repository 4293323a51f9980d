import { describeUserErrors, messageForCode, type UserErrorLike } from '../../app/errors';

export const CONTACT_TYPES = ['LEAD', 'CLIENT', 'VENDOR', 'PARTNER'] as const;
export const CONTACT_STATUSES = ['ACTIVE', 'INACTIVE', 'CHURNED'] as const;
export const CONTACT_SOURCES = ['WEBSITE', 'REFERRAL', 'COLD_OUTREACH', 'IMPORT', 'EVENT', 'OTHER'] as const;
export const INTERACTION_TYPES = ['NOTE', 'CALL', 'EMAIL', 'MEETING', 'SMS'] as const;

/** "COLD_OUTREACH" → "Cold outreach". */
export function enumLabel(value: string | null | undefined): string {
  if (!value) return '';
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar date ("2026-11-22") as written in the reader's locale, without a time zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { dateStyle: 'medium' });
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

/** A random key that makes a create safe to retry (the API's idempotencyKey). */
export function idempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function TagChips({ tags }: { tags: readonly { id: string; name: string; color: string }[] | null | undefined }) {
  if (!tags?.length) return null;
  return (
    <ul className="crm-tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.id} className="crm-tag" style={{ '--tag-color': tag.color } as React.CSSProperties}>
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
