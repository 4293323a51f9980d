import { userError } from '@cellgraph/kernel';

/** Every code the file aggregate answers with. */
export const FileErrorCode = {
  InvalidInput: 'FILE_INVALID_INPUT',
  NotFound: 'FILE_NOT_FOUND',
  TypeNotAllowed: 'FILE_TYPE_NOT_ALLOWED',
  TooLarge: 'FILE_TOO_LARGE',
  QuotaExceeded: 'FILE_QUOTA_EXCEEDED',
  AboutNotFound: 'FILE_ABOUT_NOT_FOUND',
  UploadNotFound: 'FILE_UPLOAD_NOT_FOUND',
  UploadMissing: 'FILE_UPLOAD_MISSING',
  UploadMismatch: 'FILE_UPLOAD_MISMATCH',
} as const;

export const fileNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(FileErrorCode.NotFound, 'No file with this id exists in your organization', field);

export const typeNotAllowed = (type: string) =>
  userError(FileErrorCode.TypeNotAllowed, `Files of type ${type} are not accepted here`, ['input', 'contentType']);

export const tooLarge = (max: number) => userError(FileErrorCode.TooLarge, `A file may have at most ${max} bytes`, ['input', 'size']);

export const quotaExceeded = (quota: number, used: number) =>
  userError(
    FileErrorCode.QuotaExceeded,
    `Your organization's storage is full: ${used} of ${quota} bytes are used (uploads in progress included); delete files or purge the trash`,
    ['input', 'size'],
  );

export const aboutNotFound = () => userError(FileErrorCode.AboutNotFound, 'No object with this id exists that you can see', ['input', 'aboutId']);

export const uploadNotFound = () => userError(FileErrorCode.UploadNotFound, 'No upload with this id is in progress for you', ['input', 'uploadId']);

export const uploadMissing = () =>
  userError(FileErrorCode.UploadMissing, 'The store has no content for this upload yet: send the PUT to the upload URL first', ['input', 'uploadId']);

export const uploadMismatch = (what: string) =>
  userError(FileErrorCode.UploadMismatch, `The uploaded content does not match the upload begun (${what}); begin a new upload`, ['input', 'uploadId']);
