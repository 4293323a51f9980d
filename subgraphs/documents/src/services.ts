import type { Authorizer, Database } from '@cellgraph/kernel';
import type { ApprovalService } from './approval/approval.service.js';
import type { ApprovalWorkflowService } from './approval/approval-workflow.service.js';
import type { ClauseService } from './clause/clause.service.js';
import type { DocumentService } from './document/document.service.js';
import type { DocumentPdfService } from './pdf/document-pdf.service.js';
import type { RevisionService } from './revision/revision.service.js';

/** What every resolver of the documents subgraph receives. */
export interface DocumentsServices {
  db: Database;
  authz: Authorizer;
  documents: DocumentService;
  approvalWorkflows: ApprovalWorkflowService;
  approvals: ApprovalService;
  clauses: ClauseService;
  pdf: DocumentPdfService;
  revisions: RevisionService;
}
