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

/** A calendar date ("2026-11-22") as written in the reader's locale, without a time zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { dateStyle: 'medium' });
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
