import { userError } from '@cellgraph/kernel';
import { TaskErrorCode } from '../task/task.errors.js';

/** Every code the TaskRecurrence aggregate answers (assignee and column codes are the Task aggregate's). */
export const RecurrenceErrorCode = {
  InvalidInput: 'TASK_RECURRENCE_INVALID_INPUT',
  NotFound: 'TASK_RECURRENCE_NOT_FOUND',
  AssigneeNotMember: TaskErrorCode.AssigneeNotMember,
  ColumnNotFound: TaskErrorCode.ColumnNotFound,
} as const;

export const recurrenceNotFound = () => userError(RecurrenceErrorCode.NotFound, 'No such recurrence', ['input', 'id']);
export const recurrenceAssigneeNotMember = () =>
  userError(RecurrenceErrorCode.AssigneeNotMember, 'Every assignee must be a member of your organization', ['input', 'assigneeIds']);
export const recurrenceColumnNotFound = () => userError(RecurrenceErrorCode.ColumnNotFound, 'No such column', ['input', 'columnId']);
