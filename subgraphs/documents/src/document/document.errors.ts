import { userError } from '@cellgraph/kernel';
import type { DocumentStatus } from './document-status.js';

/** Every code the document aggregate answers with. */
export const DocumentErrorCode = {
  InvalidInput: 'DOCUMENT_INVALID_INPUT',
  NotFound: 'DOCUMENT_NOT_FOUND',
  InvalidTransition: 'DOCUMENT_INVALID_TRANSITION',
  Locked: 'DOCUMENT_LOCKED',
  AboutNotFound: 'DOCUMENT_ABOUT_NOT_FOUND',
  OwnerNotMember: 'DOCUMENT_OWNER_NOT_MEMBER',
  SignaturePending: 'DOCUMENT_SIGNATURE_PENDING',
  SignatureNotPending: 'DOCUMENT_SIGNATURE_NOT_PENDING',
} as const;

export const documentNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DocumentErrorCode.NotFound, 'No document with this id exists in your organization', field);

export const documentInvalidTransition = (from: DocumentStatus, to: DocumentStatus, field: (string | number)[] = ['input', 'status']) =>
  userError(DocumentErrorCode.InvalidTransition, `A ${from.toUpperCase()} document cannot become ${to.toUpperCase()}`, field);

export const documentLocked = (status: DocumentStatus, field: (string | number)[]) =>
  userError(DocumentErrorCode.Locked, `A ${status.toUpperCase()} document's title, type and content cannot change`, field);

export const documentAboutNotFound = (field: (string | number)[]) =>
  userError(DocumentErrorCode.AboutNotFound, 'No object with this id exists in your organization (or you cannot read it)', field);

export const documentOwnerNotMember = (field: (string | number)[] = ['input', 'ownerId']) =>
  userError(DocumentErrorCode.OwnerNotMember, 'The owner must be a member of your organization (not a guest)', field);

export const documentInvalidContent = (message: string) => userError(DocumentErrorCode.InvalidInput, message, ['input', 'content']);
export const signaturePending = () =>
  userError(DocumentErrorCode.SignaturePending, 'This document is already out for signature; void that request first', ['input', 'id']);
export const signatureNotPending = () => userError(DocumentErrorCode.SignatureNotPending, 'This document is not out for signature', ['input', 'id']);
