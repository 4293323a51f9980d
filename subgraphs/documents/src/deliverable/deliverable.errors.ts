import { userError, text } from '@cellgraph/kernel';
import { DocumentErrorCode } from '../document/document.errors.js';
import { documentErrorTexts } from '../messages.js';

export const MAX_PLAN_YEARS = 10;

/** Every code the Deliverable aggregate answers (it is guarded through its document: DOCUMENT_NOT_FOUND too). */
export const DeliverableErrorCode = {
  NotFound: 'DOCUMENT_DELIVERABLE_NOT_FOUND',
  NotSignedContract: 'DOCUMENT_NOT_SIGNED_CONTRACT',
  OwnerNotMember: 'DOCUMENT_DELIVERABLE_OWNER_NOT_MEMBER',
  ProgressAboveQuantity: 'DOCUMENT_DELIVERABLE_PROGRESS_ABOVE_QUANTITY',
} as const;

export const deliverableNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DeliverableErrorCode.NotFound, documentErrorTexts.deliverableNotFound, field);
export const notSignedContract = (field: (string | number)[] = ['input', 'documentId']) =>
  userError(DeliverableErrorCode.NotSignedContract, documentErrorTexts.deliverableNeedsContract, field);
export const ownerNotMember = () => userError(DeliverableErrorCode.OwnerNotMember, documentErrorTexts.ownerNotMember, ['input', 'ownerId']);
export const progressAboveQuantity = (field: (string | number)[]) =>
  userError(DeliverableErrorCode.ProgressAboveQuantity, documentErrorTexts.progressExceedsQuantity, field);
export const dueBeforeStart = () => userError(DocumentErrorCode.InvalidInput, documentErrorTexts.dueBeforeStart, ['input', 'dueDate']);
export const planTooLong = () =>
  userError(DocumentErrorCode.InvalidInput, text(documentErrorTexts.planTooLong, { years: MAX_PLAN_YEARS }), ['input', 'dueDate']);
