import { text, userError, UserInputError } from '@cellgraph/kernel';
import { notificationErrorTexts } from './messages.js';

/**
 * Error codes of notifications. `InvalidInput` is shared by the module's aggregates (preferences
 * and templates import it from here).
 */
export const NotificationErrorCode = {
  NotFound: 'NOTIFICATION_NOT_FOUND',
  InvalidInput: 'NOTIFICATION_INVALID_INPUT',
} as const;

export const notificationNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(NotificationErrorCode.NotFound, notificationErrorTexts.notificationNotFound, field);

/** One NOTIFICATION_NOT_FOUND per id (by its index in `input.ids`) that is not one of the caller's notifications. */
export const notificationsNotFound = (indexes: readonly number[]) =>
  new UserInputError(indexes.flatMap((index) => notificationNotFound(['input', 'ids', index]).errors));

export const markReadCountInvalid = (max: number) =>
  userError(NotificationErrorCode.InvalidInput, text(notificationErrorTexts.markReadCount, { max }), ['input', 'ids']);
