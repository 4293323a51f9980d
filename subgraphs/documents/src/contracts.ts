import { z } from 'zod';

/*
 * The documents module's public contracts (`@cellgraph/documents/contracts`): the events it emits
 * (type → schema of `data`) — the only part of documents other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings).
 */

const empty = z.object({});

/** A document's tracked fields (all on `document.created`, the changed ones on `document.updated`). */
const documentFields = z.object({
  name: z.string(),
  description: z.string().nullable(),
});

/** A clause's tracked fields (all on `clause.created`, the changed ones on `clause.updated`; a new body is a new `version`). */
const clauseFields = z.object({
  title: z.string(),
  category: z.string(),
  includeByDefault: z.boolean(),
  version: z.number().int(),
});

export const documentsEvents = {
  'document.created': z.object({ after: documentFields }),
  'document.updated': z.object({ fields: z.array(z.string()), before: documentFields.partial(), after: documentFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'document.deleted': z.object({ title: z.string() }),
  'document.restored': empty,
  /** A review link was e-mailed (external review); `reviewId` is the DocumentReview's uuid. */
  'document.sent': z.object({ reviewId: z.string(), email: z.string(), expiresAt: z.string() }),
  'document.review_revoked': z.object({ reviewId: z.string() }),
  /** An external reviewer suggested an edit; `recipients` (user ids): the document's owner and whoever sent the link. */
  'document.suggestion_received': z.object({
    suggestionId: z.string(),
    reviewId: z.string(),
    reviewerEmail: z.string(),
    title: z.string(),
    section: z.string(),
    recipients: z.array(z.string()),
  }),
  'document.suggestion_approved': z.object({ suggestionId: z.string(), reviewId: z.string(), section: z.string() }),
  'document.suggestion_rejected': z.object({ suggestionId: z.string(), reviewId: z.string(), section: z.string() }),
  /** Deleted for good (the kernel's trash emits it). */
  'document.purged': empty,
  /** Clause library (subject: the Clause). */
  'clause.created': z.object({ after: clauseFields }),
  'clause.updated': z.object({ fields: z.array(z.string()), before: clauseFields.partial(), after: clauseFields.partial() }),
  'clause.deleted': z.object({ title: z.string() }),
  'clause.restored': empty,
  'clause.purged': empty,
} as const;

export type DocumentsEvents = typeof documentsEvents;
