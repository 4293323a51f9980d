import { userError, text } from '@cellgraph/kernel';
import { fileErrorTexts } from '../messages.js';

/** The codes userAvatarSet answers besides the file aggregate's (FILE_NOT_FOUND, FILE_INVALID_INPUT). */
export const AvatarErrorCode = {
  UserNotFound: 'FILE_AVATAR_USER_NOT_FOUND',
  UploadIncomplete: 'FILE_AVATAR_UPLOAD_INCOMPLETE',
  NotYours: 'FILE_AVATAR_NOT_YOURS',
  NotImage: 'FILE_AVATAR_NOT_IMAGE',
  TooLarge: 'FILE_AVATAR_TOO_LARGE',
} as const;

export const avatarUserNotFound = () => userError(AvatarErrorCode.UserNotFound, fileErrorTexts.memberNotFound, ['input', 'userId']);

export const avatarUploadIncomplete = () => userError(AvatarErrorCode.UploadIncomplete, fileErrorTexts.avatarIncomplete, ['input', 'fileId']);

export const avatarNotYours = () => userError(AvatarErrorCode.NotYours, fileErrorTexts.avatarNotOwn, ['input', 'fileId']);

export const avatarNotImage = () => userError(AvatarErrorCode.NotImage, fileErrorTexts.avatarNotImage, ['input', 'fileId']);

export const avatarTooLarge = (max: number) => userError(AvatarErrorCode.TooLarge, text(fileErrorTexts.avatarTooLarge, { max }), ['input', 'fileId']);
