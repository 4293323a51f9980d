import { userError } from '@cellgraph/kernel';
import { TaskErrorCode } from '../task/task.errors.js';
import { taskErrorTexts } from '../messages.js';

/** Every code the TaskRecurrence aggregate answers (assignee and column codes are the Task aggregate's). */
export const RecurrenceErrorCode = {
  InvalidInput: 'TASK_RECURRENCE_INVALID_INPUT',
  NotFound: 'TASK_RECURRENCE_NOT_FOUND',
  AssigneeNotMember: TaskErrorCode.AssigneeNotMember,
  ColumnNotFound: TaskErrorCode.ColumnNotFound,
} as const;

export const recurrenceNotFound = () => userError(RecurrenceErrorCode.NotFound, taskErrorTexts.recurrenceNotFound, ['input', 'id']);
export const recurrenceAssigneeNotMember = () =>
  userError(RecurrenceErrorCode.AssigneeNotMember, taskErrorTexts.recurrenceAssigneeNotMember, ['input', 'assigneeIds']);
export const recurrenceColumnNotFound = () => userError(RecurrenceErrorCode.ColumnNotFound, taskErrorTexts.columnNotFound, ['input', 'columnId']);
