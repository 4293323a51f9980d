import { userError, text } from '@cellgraph/kernel';
import type { DocumentStatus } from './document-status.js';
import { documentErrorTexts } from '../messages.js';
import { MAX_CONTENT_LENGTH } from './content-html.js';

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
  userError(DocumentErrorCode.NotFound, documentErrorTexts.documentNotFound, field);

export const documentInvalidTransition = (from: DocumentStatus, to: DocumentStatus, field: (string | number)[] = ['input', 'status']) =>
  userError(DocumentErrorCode.InvalidTransition, text(documentErrorTexts.invalidTransition, { from: from.toUpperCase(), to: to.toUpperCase() }), field);

export const documentLocked = (status: DocumentStatus, field: (string | number)[]) =>
  userError(DocumentErrorCode.Locked, text(documentErrorTexts.frozen, { status: status.toUpperCase() }), field);

export const documentAboutNotFound = (field: (string | number)[]) => userError(DocumentErrorCode.AboutNotFound, documentErrorTexts.objectNotFound, field);

export const documentOwnerNotMember = (field: (string | number)[] = ['input', 'ownerId']) =>
  userError(DocumentErrorCode.OwnerNotMember, documentErrorTexts.ownerNotMemberNoGuest, field);

/** The content is over MAX_CONTENT_LENGTH characters (ContentTooLargeError). */
export const documentInvalidContent = () =>
  userError(DocumentErrorCode.InvalidInput, text(documentErrorTexts.contentTooLong, { max: String(MAX_CONTENT_LENGTH) }), ['input', 'content']);
export const signaturePending = () => userError(DocumentErrorCode.SignaturePending, documentErrorTexts.alreadyOutForSignature, ['input', 'id']);
export const signatureNotPending = () => userError(DocumentErrorCode.SignatureNotPending, documentErrorTexts.notOutForSignature, ['input', 'id']);
