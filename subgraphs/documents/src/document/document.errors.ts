import { userError } from '@cellgraph/kernel';

/** Every code the document aggregate answers with. */
export const DocumentErrorCode = {
  InvalidInput: 'DOCUMENT_INVALID_INPUT',
  NotFound: 'DOCUMENT_NOT_FOUND',
} as const;

export const documentNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(DocumentErrorCode.NotFound, 'No document with this id exists in your organization', field);
