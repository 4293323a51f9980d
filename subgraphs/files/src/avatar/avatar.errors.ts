import { userError } from '@cellgraph/kernel';

/** The codes userAvatarSet answers besides the file aggregate's (FILE_NOT_FOUND, FILE_INVALID_INPUT). */
export const AvatarErrorCode = {
  UserNotFound: 'FILE_AVATAR_USER_NOT_FOUND',
  UploadIncomplete: 'FILE_AVATAR_UPLOAD_INCOMPLETE',
  NotYours: 'FILE_AVATAR_NOT_YOURS',
  NotImage: 'FILE_AVATAR_NOT_IMAGE',
  TooLarge: 'FILE_AVATAR_TOO_LARGE',
} as const;

export const avatarUserNotFound = () => userError(AvatarErrorCode.UserNotFound, 'No member of your organization has this id', ['input', 'userId']);

export const avatarUploadIncomplete = () =>
  userError(AvatarErrorCode.UploadIncomplete, 'This upload is not complete: call fileUploadComplete first and use the file it returns', ['input', 'fileId']);

export const avatarNotYours = () => userError(AvatarErrorCode.NotYours, 'An avatar must be a file you uploaded yourself', ['input', 'fileId']);

export const avatarNotImage = () => userError(AvatarErrorCode.NotImage, 'An avatar must be an image (PNG, JPEG, GIF, WebP…)', ['input', 'fileId']);

export const avatarTooLarge = (max: number) => userError(AvatarErrorCode.TooLarge, `An avatar may have at most ${max} bytes`, ['input', 'fileId']);
