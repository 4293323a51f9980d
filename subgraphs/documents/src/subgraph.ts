import { defineSubgraph, referenceAsIs } from '@cellgraph/kernel';
import { ApprovalWorkflow } from './approval/approval-workflow.entity.js';
import { ApprovalRequest } from './approval/approval-request.entity.js';
import { resolveApprovalWorkflowReference } from './approval/approval.reference.js';
import { ApprovalWorkflowResolver } from './approval/approval-workflow.resolver.js';
import { ApprovalWorkflowService } from './approval/approval-workflow.service.js';
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
import { documentTrash } from './trash.js';

export const documentsSubgraph = defineSubgraph<DocumentsServices>({
  name: 'documents',
  description: 'Documents: documents.',
  scope: 'documents',
  scopeDescription: 'documents',
  nodeTypes: ['Document', 'ApprovalWorkflow'],
  trash: [documentTrash],
  // PDFs are stored as Files through the files module's API (storeGeneratedFile).
  dependsOn: ['identity', 'files'],
  migrations,
  entities: [Document, ApprovalWorkflow, ApprovalRequest],
  resolvers: [DocumentResolver, DocumentPdfResolver, ApprovalWorkflowResolver],
  references: {
    Document: resolveDocumentReference,
    ApprovalWorkflow: resolveApprovalWorkflowReference,
    User: referenceAsIs,
  },
  // Team is reached only through ApprovalStep.team; its key-only stub is declared here.
  orphanedTypes: [TeamRef],
  emits: documentsEvents,
  createServices({ db, authz, graph }) {
    const documents = new DocumentService(db, authz);
    return { db, authz, documents, pdf: new DocumentPdfService(documents, graph), approvalWorkflows: new ApprovalWorkflowService(db, authz) };
  },
});
