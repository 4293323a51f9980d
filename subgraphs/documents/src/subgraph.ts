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
  dependsOn: ['identity'],
  migrations,
  entities: [Document, ApprovalWorkflow, ApprovalRequest],
  resolvers: [DocumentResolver, ApprovalWorkflowResolver],
  references: {
    Document: resolveDocumentReference,
    ApprovalWorkflow: resolveApprovalWorkflowReference,
    User: referenceAsIs,
  },
  // Team is reached only through ApprovalStep.team; its key-only stub is declared here.
  orphanedTypes: [TeamRef],
  emits: documentsEvents,
  createServices({ db, authz }) {
    return { db, authz, documents: new DocumentService(db, authz), approvalWorkflows: new ApprovalWorkflowService(db, authz) };
  },
});
