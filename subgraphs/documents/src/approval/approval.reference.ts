import { referenceThroughLoader } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';

export const resolveApprovalWorkflowReference = referenceThroughLoader<DocumentsServices, unknown>('ApprovalWorkflow', (context) =>
  context.services.approvalWorkflows.access.loader(context.loaders, context.request),
);

export const resolveApprovalRequestReference = referenceThroughLoader<DocumentsServices, unknown>('ApprovalRequest', (context) =>
  context.services.approvals.access.loader(context.loaders, context.request),
);
