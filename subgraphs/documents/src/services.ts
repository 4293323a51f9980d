import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ApprovalService } from './approval/approval.service.js';
import type { ApprovalWorkflowService } from './approval/approval-workflow.service.js';
import type { DeliverableService } from './deliverable/deliverable.service.js';
import type { ClauseService } from './clause/clause.service.js';
import type { DocumentClauseService } from './document-clause/document-clause.service.js';
import type { DocumentService } from './document/document.service.js';
import type { DocumentPdfService } from './pdf/document-pdf.service.js';
import type { ReviewService } from './review/review.service.js';
import type { LocalSignatureProvider } from './signature/local-signature-provider.js';
import type { SignatureService } from './signature/signature.service.js';
import type { RevisionService } from './revision/revision.service.js';

/** What every resolver of the documents subgraph receives. */
export interface DocumentsServices {
  db: Database;
  authz: Authorizer;
  documents: DocumentService;
  approvalWorkflows: ApprovalWorkflowService;
  approvals: ApprovalService;
  reviews: ReviewService;
  deliverables: DeliverableService;
  clauses: ClauseService;
  documentClauses: DocumentClauseService;
  pdf: DocumentPdfService;
  signatures: SignatureService;
  /** The e-signature provider (the local simulator: it also serves signing pages). */
  signatureProvider: LocalSignatureProvider;
  revisions: RevisionService;
}
