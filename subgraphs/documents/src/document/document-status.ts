/*
 * A document's status and the transitions between them: one small pure module, so the service,
 * approvals, review and signatures all follow the same rules (DocumentService.transition applies them).
 */

export enum DocumentStatus {
  DRAFT = 'draft',
  INTERNAL_REVIEW = 'internal_review',
  CLIENT_REVIEW = 'client_review',
  SENT = 'sent',
  SIGNED = 'signed',
  EXPIRED = 'expired',
  VOID = 'void',
}

/** Where each status may go. EXPIRED and VOID are final. */
export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  [DocumentStatus.DRAFT]: [DocumentStatus.INTERNAL_REVIEW, DocumentStatus.CLIENT_REVIEW, DocumentStatus.SENT, DocumentStatus.VOID],
  // Review returns a document for changes (DRAFT) or moves it on.
  [DocumentStatus.INTERNAL_REVIEW]: [DocumentStatus.DRAFT, DocumentStatus.CLIENT_REVIEW, DocumentStatus.SENT, DocumentStatus.VOID],
  [DocumentStatus.CLIENT_REVIEW]: [DocumentStatus.DRAFT, DocumentStatus.INTERNAL_REVIEW, DocumentStatus.SENT, DocumentStatus.VOID],
  // A sent document may be recalled (DRAFT), reviewed again, signed, or lapse.
  [DocumentStatus.SENT]: [DocumentStatus.DRAFT, DocumentStatus.CLIENT_REVIEW, DocumentStatus.SIGNED, DocumentStatus.EXPIRED, DocumentStatus.VOID],
  [DocumentStatus.SIGNED]: [DocumentStatus.EXPIRED, DocumentStatus.VOID],
  [DocumentStatus.EXPIRED]: [],
  [DocumentStatus.VOID]: [],
};

/** Statuses only the system reaches: SIGNED through a signature provider, EXPIRED through the expiry job. */
export const SYSTEM_ONLY_STATUSES: readonly DocumentStatus[] = [DocumentStatus.SIGNED, DocumentStatus.EXPIRED];

/** Statuses whose title, type and content are frozen (what was signed, or is over, stays as it was). */
export const LOCKED_STATUSES: readonly DocumentStatus[] = [DocumentStatus.SIGNED, DocumentStatus.EXPIRED, DocumentStatus.VOID];

/** Statuses whose documents lapse once `expiresAt` has passed (the daily expiry job). */
export const EXPIRABLE_STATUSES: readonly DocumentStatus[] = [DocumentStatus.SENT, DocumentStatus.SIGNED];

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return DOCUMENT_TRANSITIONS[from].includes(to);
}

export function isLocked(status: DocumentStatus): boolean {
  return LOCKED_STATUSES.includes(status);
}

/**
 * What moved a document (the `cause` of `document.status_changed`): a person by hand, or the part of
 * the module that drives the status.
 */
export const DOCUMENT_STATUS_CAUSES = ['manual', 'approval', 'review', 'signature', 'expiry'] as const;
export type DocumentStatusCause = (typeof DOCUMENT_STATUS_CAUSES)[number];
