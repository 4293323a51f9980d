import { userError, text, type LocalizedText } from '@cellgraph/kernel';
import { fileErrorTexts } from '../messages.js';

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

export const fileNotFound = (field: (string | number)[] = ['input', 'id']) => userError(FileErrorCode.NotFound, fileErrorTexts.fileNotFound, field);

export const typeNotAllowed = (type: string) =>
  userError(FileErrorCode.TypeNotAllowed, text(fileErrorTexts.typeNotAllowed, { type }), ['input', 'contentType']);

export const tooLarge = (max: number) => userError(FileErrorCode.TooLarge, text(fileErrorTexts.tooLarge, { max }), ['input', 'size']);

export const quotaExceeded = (quota: number, used: number) =>
  userError(FileErrorCode.QuotaExceeded, text(fileErrorTexts.quotaExceeded, { used, quota }), ['input', 'size']);

export const aboutNotFound = () => userError(FileErrorCode.AboutNotFound, fileErrorTexts.aboutNotFound, ['input', 'aboutId']);

export const uploadNotFound = () => userError(FileErrorCode.UploadNotFound, fileErrorTexts.uploadNotFound, ['input', 'uploadId']);

export const uploadMissing = () => userError(FileErrorCode.UploadMissing, fileErrorTexts.uploadMissing, ['input', 'uploadId']);

/** `why`: one of uploadSizeMismatch, uploadTypeMismatch, uploadNotAnImage. */
export const uploadMismatch = (why: LocalizedText) => userError(FileErrorCode.UploadMismatch, why, ['input', 'uploadId']);
