import { referenceThroughLoader } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';

export const resolveApprovalWorkflowReference = referenceThroughLoader<DocumentsServices, unknown>('ApprovalWorkflow', (context) =>
  context.services.approvalWorkflows.access.loader(context.loaders, context.request),
);
