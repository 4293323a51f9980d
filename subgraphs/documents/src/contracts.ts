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

/** An approval workflow as its events carry it (steps in order; teamId: a Team's uuid). */
const approvalWorkflow = z.object({
  name: z.string(),
  documentType: z.string(),
  steps: z.array(
    z.object({
      role: z.enum(['owner', 'admin', 'member', 'guest']).nullable(),
      teamId: z.string().nullable(),
      action: z.enum(['approve', 'sign']),
      required: z.boolean(),
    }),
  ),
});

export const documentsEvents = {
  'document.created': z.object({ after: documentFields }),
  'document.updated': z.object({ fields: z.array(z.string()), before: documentFields.partial(), after: documentFields.partial() }),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'document.deleted': z.object({ title: z.string() }),
  'document.restored': empty,
  /** Deleted for good (the kernel's trash emits it). */
  'document.purged': empty,
  /** Approval workflows (subject: the ApprovalWorkflow): the workflow after the change (before it, for a deletion). */
  'approval_workflow.created': approvalWorkflow,
  'approval_workflow.updated': approvalWorkflow,
  'approval_workflow.deleted': approvalWorkflow,
} as const;

export type DocumentsEvents = typeof documentsEvents;
