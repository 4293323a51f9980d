import { userError, UserInputError } from '@cellgraph/kernel';
import { notificationErrorTexts } from '../notification/messages.js';
import type { EmailTemplateSource } from './render.js';

/** Templates also answer `NotificationErrorCode.InvalidInput` (notification.errors.ts). */
export const TemplateErrorCode = {
  Invalid: 'NOTIFICATION_TEMPLATE_INVALID',
  NotFound: 'NOTIFICATION_TEMPLATE_NOT_FOUND',
} as const;

export const templateNotFound = () => userError(TemplateErrorCode.NotFound, notificationErrorTexts.templateNotFound, ['input', 'event']);

/** One NOTIFICATION_TEMPLATE_INVALID per part that does not compile or render (`templateProblems`). */
export const templateInvalid = (problems: readonly { part: keyof EmailTemplateSource; message: string }[]) =>
  new UserInputError(problems.map(({ part, message }) => ({ code: TemplateErrorCode.Invalid, field: ['input', part], message })));
