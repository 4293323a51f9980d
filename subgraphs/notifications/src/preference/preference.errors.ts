import { userError } from '@cellgraph/kernel';
import { notificationErrorTexts } from '../notification/messages.js';

/** Preferences and settings also answer `NotificationErrorCode.InvalidInput` (notification.errors.ts). */
export const PreferenceErrorCode = {
  NotFound: 'NOTIFICATION_PREFERENCE_NOT_FOUND',
} as const;

export const preferenceNotFound = () => userError(PreferenceErrorCode.NotFound, notificationErrorTexts.preferenceNotFound, ['input', 'event']);
