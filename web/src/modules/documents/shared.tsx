import { describeError, describeUserErrors, type UserErrorLike } from '../../app/errors';
import type { DocumentStatus, DocumentType } from '../../gql/graphql';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['CONTRACT', 'PROPOSAL', 'SOW', 'NDA', 'TEMPLATE', 'OTHER'];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['DRAFT', 'INTERNAL_REVIEW', 'CLIENT_REVIEW', 'SENT', 'SIGNED', 'EXPIRED', 'VOID'];
/** The statuses a person may set by hand (`documentStatusSet`); the others are the system's. */
export const MANUAL_STATUSES: readonly DocumentStatus[] = ['DRAFT', 'INTERNAL_REVIEW', 'CLIENT_REVIEW', 'SENT'];

const TYPE_LABELS: Record<DocumentType, string> = {
  CONTRACT: 'Contract',
  PROPOSAL: 'Proposal',
  SOW: 'Statement of work',
  NDA: 'NDA',
  TEMPLATE: 'Template',
  OTHER: 'Other',
};

const STATUS_LABELS: Record<DocumentStatus, string> = {
  DRAFT: 'Draft',
  INTERNAL_REVIEW: 'Internal review',
  CLIENT_REVIEW: 'Client review',
  SENT: 'Sent',
  SIGNED: 'Signed',
  EXPIRED: 'Expired',
  VOID: 'Void',
};

export const typeLabel = (type: DocumentType): string => TYPE_LABELS[type] ?? type;
export const statusLabel = (status: DocumentStatus): string => STATUS_LABELS[status] ?? status;

/** A document's status as a coloured badge. */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  return <span className={`badge doc-status doc-status-${status.toLowerCase().replace('_', '-')}`}>{statusLabel(status)}</span>;
}

/**
 * HTML the documents subgraph rendered and sanitized (a redline, a reviewed document's content:
 * rebuilt from its allow-list on every save, `<ins>`/`<del>` the only markup a redline adds). Only
 * such server fields are inserted here, never text a person typed in the page.
 */
export function ServerHtml({ html, label }: { html: string; label: string }) {
  return <div className="doc-html" role="document" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The `data-field` sections of content, in order: name and label (for suggestions). */
export function sectionsOf(html: string): { field: string; label: string; text: string }[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const seen = new Set<string>();
  return [...parsed.querySelectorAll('[data-field]')].flatMap((element) => {
    const field = element.getAttribute('data-field') ?? '';
    if (!field || seen.has(field)) return [];
    seen.add(field);
    return [{ field, label: element.getAttribute('data-label') || field, text: element.textContent ?? '' }];
  });
}

/**
 * Runs a mutation and answers what to tell the person: the first user error in words, a failed
 * request's message, or null when it went through.
 */
export async function attempt(action: () => Promise<{ userErrors: readonly UserErrorLike[] } | null | undefined>): Promise<string | null> {
  try {
    return describeUserErrors((await action())?.userErrors);
  } catch (caught) {
    return describeError(caught);
  }
}

/** A calendar date ("2026-11-22") as written in the reader's locale, without a time zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Date(year, month - 1, day).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
