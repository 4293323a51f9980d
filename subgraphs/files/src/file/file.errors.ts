import { userError } from '@cellgraph/kernel';

/** Every code the file aggregate answers with. */
export const FileErrorCode = {
  InvalidInput: 'FILE_INVALID_INPUT',
  NotFound: 'FILE_NOT_FOUND',
} as const;

export const fileNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(FileErrorCode.NotFound, 'No file with this id exists in your organization', field);
