import { userError } from '@cellgraph/kernel';
import { DocumentErrorCode } from '../document/document.errors.js';

export const MAX_PLAN_YEARS = 10;

/** Every code the Deliverable aggregate answers (it is guarded through its document: DOCUMENT_NOT_FOUND too). */
export const DeliverableErrorCode = {
  NotFound: 'DOCUMENT_DELIVERABLE_NOT_FOUND',
  NotSignedContract: 'DOCUMENT_NOT_SIGNED_CONTRACT',
  OwnerNotMember: 'DOCUMENT_DELIVERABLE_OWNER_NOT_MEMBER',
  ProgressAboveQuantity: 'DOCUMENT_DELIVERABLE_PROGRESS_ABOVE_QUANTITY',
} as const;

export const deliverableNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DeliverableErrorCode.NotFound, 'No deliverable with this id exists in your organization', field);
export const notSignedContract = (field: (string | number)[] = ['input', 'documentId']) =>
  userError(DeliverableErrorCode.NotSignedContract, 'Deliverables belong to a signed contract or statement of work', field);
export const ownerNotMember = () => userError(DeliverableErrorCode.OwnerNotMember, 'The owner must be a member of your organization', ['input', 'ownerId']);
export const progressAboveQuantity = (field: (string | number)[]) =>
  userError(DeliverableErrorCode.ProgressAboveQuantity, 'The progress cannot exceed the quantity', field);
export const dueBeforeStart = () => userError(DocumentErrorCode.InvalidInput, 'The due date cannot be before the start date', ['input', 'dueDate']);
export const planTooLong = () =>
  userError(DocumentErrorCode.InvalidInput, `The due date is at most ${MAX_PLAN_YEARS} years after the start date`, ['input', 'dueDate']);
