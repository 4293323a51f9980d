import { userError } from '@cellgraph/kernel';

/** Error codes of the notifications module. */
export const NotificationErrorCode = {
  NotFound: 'NOTIFICATION_NOT_FOUND',
  InvalidInput: 'NOTIFICATION_INVALID_INPUT',
  PreferenceNotFound: 'NOTIFICATION_PREFERENCE_NOT_FOUND',
  TemplateInvalid: 'NOTIFICATION_TEMPLATE_INVALID',
  TemplateNotFound: 'NOTIFICATION_TEMPLATE_NOT_FOUND',
} as const;

export const notificationNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(NotificationErrorCode.NotFound, 'No notification of yours has this id', field);

export const preferenceNotFound = () => userError(NotificationErrorCode.PreferenceNotFound, 'You have no preference for this event', ['input', 'event']);

export const templateNotFound = () => userError(NotificationErrorCode.TemplateNotFound, 'Your organization has no template for this event', ['input', 'event']);
