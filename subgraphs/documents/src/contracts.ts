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

const signer = z.object({ name: z.string(), email: z.string(), order: z.number().int() });

/** A clause's tracked fields (all on `clause.created`, the changed ones on `clause.updated`; a new body is a new `version`). */
const clauseFields = z.object({
  title: z.string(),
  category: z.string(),
  includeByDefault: z.boolean(),
  version: z.number().int(),
});

export const documentsEvents = {
  /** Sent to its signers through the e-signature provider. */
  'document.sent_for_signature': z.object({ title: z.string(), signatureId: z.string(), signers: z.array(signer) }),
  /** Every signer signed (the signed PDF is stored as a File after it). */
  'document.signed': z.object({ title: z.string(), signatureId: z.string(), signers: z.array(signer) }),
  'document.created': z.object({ after: documentFields }),
  'document.updated': z.object({ fields: z.array(z.string()), before: documentFields.partial(), after: documentFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'document.deleted': z.object({ title: z.string() }),
  'document.restored': empty,
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
