import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { ApprovalWorkflow } from './approval/approval-workflow.entity.js';
import { ApprovalRequest } from './approval/approval-request.entity.js';
import { resolveApprovalWorkflowReference } from './approval/approval.reference.js';
import { ApprovalWorkflowResolver } from './approval/approval-workflow.resolver.js';
import { ApprovalWorkflowService } from './approval/approval-workflow.service.js';
import { Clause, ClauseVersion } from './clause/clause.entity.js';
import { resolveClauseReference } from './clause/clause.reference.js';
import { ClauseResolver, ClauseVersionResolver } from './clause/clause.resolver.js';
import { ClauseService } from './clause/clause.service.js';
import { documentsEvents } from './contracts.js';
import { Document } from './document/document.entity.js';
import { resolveDocumentReference } from './document/document.reference.js';
import { DocumentResolver } from './document/document.resolver.js';
import { DocumentService } from './document/document.service.js';
import { DocumentPdfResolver } from './pdf/document-pdf.resolver.js';
import { DocumentPdfService } from './pdf/document-pdf.service.js';
import { migrations } from './migrations/index.js';
import type { DocumentsServices } from './services.js';
import { TeamRef } from './team/team.ref.js';
import { clauseTrash, documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: documents, templates and the clause library.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'Clause', 'ApprovalWorkflow'],
  trash: [documentTrash, clauseTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, Clause, ClauseVersion, ApprovalWorkflow, ApprovalRequest],
  resolvers: [DocumentResolver, DocumentPdfResolver, ClauseResolver, ClauseVersionResolver, ApprovalWorkflowResolver],
  references: {
    Document: resolveDocumentReference,
    Clause: resolveClauseReference,
    ApprovalWorkflow: resolveApprovalWorkflowReference,
    User: referenceAsIs,
  },
  // Team is reached only through ApprovalStep.team; its key-only stub is declared here.
  orphanedTypes: [TeamRef],
  emits: documentsEvents,
  createServices({ db, authz, graph }) {
    const documents = new DocumentService(db, authz);
    return {
      db,
      authz,
      documents,
      pdf: new DocumentPdfService(documents, graph),
      clauses: new ClauseService(db, authz),
      approvalWorkflows: new ApprovalWorkflowService(db, authz),
    };
  },
});
