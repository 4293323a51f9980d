import { userError } from '@cellgraph/kernel';

/** Preferences and settings also answer `NotificationErrorCode.InvalidInput` (notification.errors.ts). */
export const PreferenceErrorCode = {
  NotFound: 'NOTIFICATION_PREFERENCE_NOT_FOUND',
} as const;

export const preferenceNotFound = () => userError(PreferenceErrorCode.NotFound, 'You have no preference for this event', ['input', 'event']);
