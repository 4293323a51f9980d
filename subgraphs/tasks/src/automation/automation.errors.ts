import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the TaskAutomation aggregate answers. */
export const AutomationErrorCode = {
  InvalidInput: 'TASK_AUTOMATION_INVALID_INPUT',
  NotFound: 'TASK_AUTOMATION_NOT_FOUND',
} as const;

export const automationNotFound = () => userError(AutomationErrorCode.NotFound, taskErrorTexts.automationNotFound, ['input', 'id']);
