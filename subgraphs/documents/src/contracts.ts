import { z } from 'zod';

/*
 * The documents module's public contracts (`@cellgraph/documents/contracts`): the events it emits
 * (type → schema of `data`) — the only part of documents other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings, user ids are uuids). Every event is about
 * the document (its subject).
 */

const empty = z.object({});

export const DOCUMENT_TYPES = ['contract', 'proposal', 'sow', 'nda', 'template', 'other'] as const;
export const DOCUMENT_STATUSES = ['draft', 'internal_review', 'client_review', 'sent', 'signed', 'expired', 'void'] as const;
const status = z.enum(DOCUMENT_STATUSES);

/**
 * A document's tracked fields (all on `document.created`, the changed ones on `document.updated`).
 * The content is too large for an event: a changed content is named in `fields` (`content`) without values.
 */
const documentFields = z.object({
  title: z.string(),
  type: z.enum(DOCUMENT_TYPES),
  status,
  expiresAt: z.string().nullable(),
  ownerId: z.string(),
  aboutIds: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
});

const signer = z.object({ name: z.string(), email: z.string(), order: z.number().int() });
const frequency = z.enum(['ONCE', 'WEEKLY', 'MONTHLY', 'QUARTERLY']);
/** A deliverable's tracked fields (all on `deliverable.created`, the changed ones on `deliverable.updated`). */
const deliverableFields = z.object({
  title: z.string(),
  quantity: z.number().int(),
  frequency,
  platform: z.string().nullable(),
  startDate: z.string(),
  dueDate: z.string(),
  ownerId: z.string(),
});
/** A deliverable whose pace changed: `progress` done of `quantity`, `expectedProgress` expected by today. */
const deliverablePace = z.object({
  documentId: z.string(),
  title: z.string(),
  ownerId: z.string(),
  progress: z.number().int(),
  expectedProgress: z.number().int(),
  quantity: z.number().int(),
  dueDate: z.string(),
});
/** What every status event carries for routing: the title and the owner (uuid) to tell. */
const about = { title: z.string(), ownerId: z.string() };

/** An approval workflow as its events carry it (steps in order; teamId: a Team's uuid). */
const approvalWorkflow = z.object({
  name: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  steps: z.array(
    z.object({
      role: z.enum(['owner', 'admin', 'member', 'guest']).nullable(),
      teamId: z.string().nullable(),
      action: z.enum(['approve', 'sign']),
      required: z.boolean(),
    }),
  ),
});

/** What approval events carry about their document (subject): its title and owner (uuid), and the submission. */
const approvalAbout = { ...about, round: z.number().int().positive() };
/** Who the notification goes to (user uuids), decided when the event is written. */
const recipients = z.array(z.string());
const approvalOutcome = z.object({ ...approvalAbout, stepOrder: z.number().int().positive(), comment: z.string().nullable(), recipients });

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
  /**
   * Every signer signed: the document is SIGNED (unless recalled or voided meanwhile) and the signed
   * PDF is stored as a File after it; `recipients`: its owner and the sender (the signers are e-mailed by the provider).
   */
  /** The sender recalled the request out for signature (the document is DRAFT again). */
  'document.signature_voided': z.object({ title: z.string(), signatureId: z.string(), reason: z.string().nullable() }),
  'document.signed': z.object({ title: z.string(), signatureId: z.string(), signers: z.array(signer), recipients: z.array(z.string()) }),
  'document.created': z.object({ after: documentFields }),
  'document.updated': z.object({ fields: z.array(z.string()), before: documentFields.partial(), after: documentFields.partial(), title: z.string() }),
  /**
   * Its status moved (by hand, or driven by approvals, review, signatures or the expiry job: `cause`).
   * EXPIRED and VOID also have their own event (`document.expired`, `document.voided`).
   */
  'document.status_changed': z.object({ from: status, to: status, cause: z.string(), ...about }),
  /** Its `expiresAt` passed while SENT or SIGNED: the daily job made it EXPIRED. */
  'document.expired': z.object({ from: status, expiresAt: z.string(), ...about }),
  'document.voided': z.object({ from: status, reason: z.string(), ...about }),
  /** Saved as a new revision (`revision`: its number; `fields`: the structured fields it changed; `changes`: how many changes it recorded). */
  'document.revised': z.object({ revision: z.number().int(), description: z.string(), fields: z.array(z.string()), changes: z.number().int(), ...about }),
  /** Changes of one revision accepted or rejected (`changeIds`: DocumentRevisionChange global ids; `fields`: the fields they touched). */
  'document.change_accepted': z.object({ revision: z.number().int(), changeIds: z.array(z.string()), fields: z.array(z.string()), ...about }),
  'document.change_rejected': z.object({ revision: z.number().int(), changeIds: z.array(z.string()), fields: z.array(z.string()), ...about }),
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
  /** Submitted for approval (now INTERNAL_REVIEW): `steps` of the workflow `workflow` make up submission `round`. */
  'document.submitted_for_approval': z.object({ ...approvalAbout, workflow: z.string(), steps: z.number().int().positive() }),
  /** A step was reached: its reviewers (`recipients`: who holds its role, or is in its team) are asked to decide. */
  'document.approval_requested': z.object({
    ...approvalAbout,
    approvalRequestId: z.string(),
    stepOrder: z.number().int().positive(),
    action: z.enum(['approve', 'sign']),
    required: z.boolean(),
    recipients,
  }),
  /** A reviewer decided a step (every decision; the outcome of the submission has its own event). */
  'document.approval_decided': z.object({
    ...approvalAbout,
    stepOrder: z.number().int().positive(),
    decision: z.enum(['approve', 'reject', 'return_for_changes']),
    comment: z.string().nullable(),
  }),
  /** The last required step was approved: the document is CLIENT_REVIEW; `recipients`: its submitter and owner. */
  'document.approved': z.object({ ...approvalAbout, recipients }),
  /** A reviewer rejected it (back to DRAFT). */
  'document.rejected': approvalOutcome,
  /** A reviewer returned it for changes (back to DRAFT, with the comment). */
  'document.returned_for_changes': approvalOutcome,
  /** Approval workflows (subject: the ApprovalWorkflow): the workflow after the change (before it, for a deletion). */
  'approval_workflow.created': approvalWorkflow,
  'approval_workflow.updated': approvalWorkflow,
  'approval_workflow.deleted': approvalWorkflow,
  /** Clauses in a document (subject: the Document; `clauseId` a Clause uuid, `title` the document's). */
  'document.clause_inserted': z.object({
    clauseId: z.string(),
    clauseTitle: z.string(),
    version: z.number().int(),
    position: z.number().int(),
    title: z.string(),
  }),
  'document.clause_moved': z.object({ clauseId: z.string(), from: z.number().int(), to: z.number().int(), title: z.string() }),
  /** Its text became the document's own (`overridden`), or the version's again. */
  'document.clause_overridden': z.object({ clauseId: z.string(), overridden: z.boolean(), title: z.string() }),
  /** Brought to the clause's latest version. */
  'document.clause_refreshed': z.object({ clauseId: z.string(), from: z.number().int(), to: z.number().int(), title: z.string() }),
  'document.clause_removed': z.object({ clauseId: z.string(), title: z.string() }),
  /** Deliverables of a signed contract (`documentId`: the contract). */
  'deliverable.created': z.object({ documentId: z.string(), after: deliverableFields }),
  'deliverable.updated': z.object({
    documentId: z.string(),
    fields: z.array(z.string()),
    before: deliverableFields.partial(),
    after: deliverableFields.partial(),
  }),
  'deliverable.progress_recorded': z.object({ documentId: z.string(), before: z.number().int(), after: z.number().int(), quantity: z.number().int() }),
  'deliverable.deleted': z.object({ documentId: z.string(), title: z.string() }),
  /** Fell behind pace (the daily check or a change): its owner is notified. */
  'deliverable.behind_pace': deliverablePace,
  'deliverable.back_on_track': deliverablePace,
  /** Clause library (subject: the Clause). */
  'clause.created': z.object({ after: clauseFields }),
  'clause.updated': z.object({ fields: z.array(z.string()), before: clauseFields.partial(), after: clauseFields.partial() }),
  'clause.deleted': z.object({ title: z.string() }),
  'clause.restored': empty,
  'clause.purged': empty,
} as const;

/** The jobs documents accepts (`deliverable.pace_check`: the daily check; `today` a UTC date, default the day it runs). */
export const documentsJobs = {
  'deliverable.pace_check': z.object({ today: z.iso.date().optional() }),
} as const;

export type DocumentsEvents = typeof documentsEvents;
