import { userError } from '@cellgraph/kernel';

/** Every code the document aggregate answers with. */
export const DocumentErrorCode = {
  InvalidInput: 'DOCUMENT_INVALID_INPUT',
  NotFound: 'DOCUMENT_NOT_FOUND',
  SignaturePending: 'DOCUMENT_SIGNATURE_PENDING',
} as const;

export const documentNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DocumentErrorCode.NotFound, 'No document with this id exists in your organization', field);

export const signaturePending = () =>
  userError(DocumentErrorCode.SignaturePending, 'This document is already out for signature; void that request first', ['input', 'id']);
