import { userError } from '@cellgraph/kernel';
import { documentErrorTexts } from '../messages.js';

/** Every code approvals answer with (user errors; FORBIDDEN and the like are top-level). */
export const ApprovalErrorCode = {
  InvalidInput: 'DOCUMENT_APPROVAL_INVALID_INPUT',
  WorkflowNotFound: 'DOCUMENT_APPROVAL_WORKFLOW_NOT_FOUND',
  WorkflowExists: 'DOCUMENT_APPROVAL_WORKFLOW_EXISTS',
  TeamNotFound: 'DOCUMENT_APPROVAL_TEAM_NOT_FOUND',
  NoWorkflow: 'DOCUMENT_NO_APPROVAL_WORKFLOW',
  AlreadyPending: 'DOCUMENT_APPROVAL_PENDING',
  NotSubmittable: 'DOCUMENT_NOT_SUBMITTABLE',
  RequestNotFound: 'DOCUMENT_APPROVAL_REQUEST_NOT_FOUND',
  AlreadyDecided: 'DOCUMENT_APPROVAL_ALREADY_DECIDED',
  StepNotReached: 'DOCUMENT_APPROVAL_STEP_NOT_REACHED',
} as const;

export const workflowNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ApprovalErrorCode.WorkflowNotFound, documentErrorTexts.workflowNotFound, field);

export const approvalRequestNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(ApprovalErrorCode.RequestNotFound, documentErrorTexts.approvalNotFound, field);
