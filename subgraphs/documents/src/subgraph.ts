import { BadTokenThrottle, defineSubgraph, KEY_FORBIDDEN, referenceAsIs, typedJob, deletionEvents } from '@cellgraph/kernel';
import { documentJobMessages } from './messages.js';
import { ApprovalWorkflow } from './approval/approval-workflow.entity.js';
import { ApprovalRequest } from './approval/approval-request.entity.js';
import { resolveApprovalRequestReference, resolveApprovalWorkflowReference } from './approval/approval.reference.js';
import { ApprovalRequestResolver, DocumentApprovalResolver } from './approval/approval.resolver.js';
import { ApprovalService } from './approval/approval.service.js';
import { ApprovalWorkflowResolver } from './approval/approval-workflow.resolver.js';
import { ApprovalWorkflowService } from './approval/approval-workflow.service.js';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { DocumentClause } from './document-clause/document-clause.entity.js';
import { DocumentClauseResolver, DocumentClausesResolver } from './document-clause/document-clause.resolver.js';
import { DocumentClauseService } from './document-clause/document-clause.service.js';
import { parseDocumentsConfig } from './config.js';
import { documentsEvents, documentsJobs } from './contracts.js';
import { Deliverable } from './deliverable/deliverable.entity.js';
import { resolveDeliverableReference } from './deliverable/deliverable.reference.js';
import { DeliverableResolver, DocumentDeliverablesResolver } from './deliverable/deliverable.resolver.js';
import { DELIVERABLE_PACE_JOB, DeliverableService } from './deliverable/deliverable.service.js';
import { Document } from './document/document.entity.js';
import { DocumentLiveResolver } from './document/document.live.js';
import { resolveDocumentConnectionReference, resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DOCUMENT_EXPIRY_SWEEP_EVERY_MS, DOCUMENT_EXPIRY_SWEEP_JOB, DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { LocalSignatureProvider } from './signature/local-signature-provider.js';
import { parseSignatureConfig } from './signature/signature.config.js';
import { DocumentSignatureResolver, SignatureFieldsResolver } from './signature/signature.resolver.js';
import { SignatureService, STORE_SIGNED_PDF_JOB } from './signature/signature.service.js';
import { SignatureRequest, Signer } from './signature/signature.entity.js';
import { migrations } from './migrations/index.js';
import { DocumentEditSuggestion, DocumentReview } from './review/review.entity.js';
import { DocumentReviewResolver, PublicReviewResolver } from './review/review.resolver.js';
import { ReviewService } from './review/review.service.js';
import { DocumentRevision, DocumentRevisionChange } from './revision/revision.entity.js';
import {
  DocumentRevisionChangeResolver,
  DocumentRevisionFieldsResolver,
  DocumentRevisionResolver,
  RevisionMutationResolver,
} from './revision/revision.resolver.js';
import { RevisionService } from './revision/revision.service.js';
import type { DocumentsServices } from './services.js';
import { TeamRef } from './team/team.ref.js';
import { clauseTrash, documentTrash } from './trash.js';
import { ReviewerLanguage } from './review/reviewer-language.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: contracts, proposals, statements of work and templates, with their status, about any object; the clause library.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'Clause', 'ApprovalWorkflow', 'ApprovalRequest', 'Deliverable'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [{ type: 'Document', table: 'documents', title: 'title', body: ['content'], events: ['document.*'] }],
  // Document.about: the objects it concerns (a contact, a deal), resolved like nodes(ids:) (missing or hidden ones left out).
  nodeReferences: [{ type: 'Document', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
  // …and the other way: the documents about any object of the cell.
  nodeConnections: [{ field: 'documents', type: 'DocumentConnection', description: 'The documents about it that you can read, newest first.' }],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [
    Document,
    Clause,
    ClauseVersion,
    DocumentClause,
    DocumentRevision,
    DocumentRevisionChange,
    DocumentReview,
    DocumentEditSuggestion,
    ApprovalWorkflow,
    ApprovalRequest,
    SignatureRequest,
    Signer,
    Deliverable,
  ],
  secrets: ['SIGNATURE_WEBHOOK_SECRET'],
  resolvers: [
    DocumentResolver,
    DocumentLiveResolver,
    DocumentPdfResolver,
    ClauseResolver,
    ClauseVersionResolver,
    ApprovalWorkflowResolver,
    ApprovalRequestResolver,
    DocumentApprovalResolver,
    DocumentClausesResolver,
    DocumentClauseResolver,
    RevisionMutationResolver,
    DocumentRevisionFieldsResolver,
    DocumentRevisionResolver,
    DocumentRevisionChangeResolver,
    DocumentReviewResolver,
    PublicReviewResolver,
    DocumentSignatureResolver,
    SignatureFieldsResolver,
    DocumentDeliverablesResolver,
    DeliverableResolver,
  ],
  // A document's subscribers hear of its deliverables too (their events carry `documentId`).
  liveEvents: { documentChanged: { events: ['document.*', 'deliverable.*'], routes: { id: ['subject.id', 'data.documentId'] } } },
  // The review token is the reviewer's credential: an API key has nothing to do with it.
  keyAccess: { documentReview: KEY_FORBIDDEN, documentSuggestionSubmit: KEY_FORBIDDEN },
  references: {
    Document: resolveDocumentReference,
    DocumentConnection: resolveDocumentConnectionReference,
    Clause: resolveClauseReference,
    ApprovalWorkflow: resolveApprovalWorkflowReference,
    ApprovalRequest: resolveApprovalRequestReference,
    Deliverable: resolveDeliverableReference,
    User: referenceAsIs,
  },
  // Team is reached only through ApprovalStep.team; its key-only stub is declared here.
  orphanedTypes: [TeamRef],
  emits: documentsEvents,
  audited: deletionEvents(documentsEvents),
  createServices({ db, authz, graph, jobs, redis, keyPrefix, mailer, logger, env, settings }) {
    const config = parseDocumentsConfig(env);
    const documents = new DocumentService(db, authz, graph);
    const approvalWorkflows = new ApprovalWorkflowService(db, authz);
    const clauses = new ClauseService(db, authz);
    const throttle = new BadTokenThrottle(
      redis,
      keyPrefix,
      { name: 'documents:review', what: 'review links' },
      {
        failuresPerAddress: config.DOCUMENT_REVIEW_FAILURES_PER_ADDRESS,
        windowSeconds: config.DOCUMENT_REVIEW_FAILURE_WINDOW_SECONDS,
      },
    );
    const revisions = new RevisionService(db, documents);
    documents.useContentRevisions(
      async (em, id, content, authorId) => (await revisions.revise(em, id, { description: 'Content updated', content }, authorId)).document,
    );
    const reviews = new ReviewService({
      db,
      authz,
      documents,
      revisions,
      mailer,
      logger,
      throttle,
      appUrl: config.APP_URL,
      reviewerLanguage: new ReviewerLanguage(settings, logger),
    });
    const signatureConfig = parseSignatureConfig(env);
    const signatureProvider = new LocalSignatureProvider({
      dir: signatureConfig.sinkDir,
      publicUrl: signatureConfig.publicUrl,
      secret: signatureConfig.webhookSecret,
      mailer,
      logger,
    });
    const signatures = new SignatureService(db, documents, signatureProvider, graph, jobs, signatureConfig.webhookSecret, logger);
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses,
      approvalWorkflows,
      approvals: new ApprovalService(db, authz, documents, approvalWorkflows),
      documentClauses: new DocumentClauseService(db, documents, clauses),
      revisions,
      reviews,
      signatures,
      signatureProvider,
      deliverables: new DeliverableService(db, authz, documents),
    };
  },
  jobs: ({ documents, signatures, deliverables }) => ({
    [DOCUMENT_EXPIRY_SWEEP_JOB]: async () => void (await documents.expireLapsed()),
    [STORE_SIGNED_PDF_JOB]: (data: { orgId: string; signatureId: string }, job) => signatures.storeSignedPdf(job.id, data),
    [DELIVERABLE_PACE_JOB]: typedJob(
      DELIVERABLE_PACE_JOB,
      documentsJobs[DELIVERABLE_PACE_JOB],
      async (data) => void (await deliverables.checkPace(data.today)),
    ),
  }),
  // Reached through the gateway at /hooks/documents/…: the provider's webhook and the simulator's signing pages.
  hooks(router, { signatures, signatureProvider }) {
    router.post('/signatures/webhook', async (req, res) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
      const outcome = await signatures.receiveWebhook(req.body as Buffer, headers);
      if (outcome === 'forged') return void res.status(401).json({ error: 'invalid signature' });
      res.json({ ok: true, replayed: outcome === 'replayed' });
    });
    signatureProvider.mountSigningPages(router);
  },
  schedules: [
    { job: DOCUMENT_EXPIRY_SWEEP_JOB, everyMs: DOCUMENT_EXPIRY_SWEEP_EVERY_MS, description: documentJobMessages.expirySweep },
    { job: DELIVERABLE_PACE_JOB, everyMs: 24 * 60 * 60 * 1000, description: documentJobMessages.deliverablePace },
  ],
});
