import { userError, text } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the Task aggregate answers (some are shared with tasks' other aggregates, which import them from here). */
export const TaskErrorCode = {
  InvalidInput: 'TASK_INVALID_INPUT',
  NotFound: 'TASK_NOT_FOUND',
  AssigneeNotMember: 'TASK_ASSIGNEE_NOT_MEMBER',
  ParentCycle: 'TASK_PARENT_CYCLE',
  BoardNotFound: 'TASK_BOARD_NOT_FOUND',
  ColumnNotFound: 'TASK_COLUMN_NOT_FOUND',
  ColumnWipLimit: 'TASK_COLUMN_WIP_LIMIT',
  NeighbourNotInColumn: 'TASK_NEIGHBOUR_NOT_IN_COLUMN',
} as const;

export const taskNotFound = (field: readonly (string | number)[] = ['input', 'id']) => userError(TaskErrorCode.NotFound, taskErrorTexts.taskNotFound, field);
export const startAfterDue = () => userError(TaskErrorCode.InvalidInput, taskErrorTexts.startAfterDue, ['input', 'startDate']);
export const assigneeNotMember = () => userError(TaskErrorCode.AssigneeNotMember, taskErrorTexts.assigneeNotMember, ['input', 'assigneeId']);
export const parentCycle = () => userError(TaskErrorCode.ParentCycle, taskErrorTexts.parentCycle, ['input', 'parentId']);
export const boardNotFound = (field: string[] = ['input', 'boardId']) => userError(TaskErrorCode.BoardNotFound, taskErrorTexts.boardNotFound, field);
export const columnNotFound = (field: string[] = ['input', 'columnId']) => userError(TaskErrorCode.ColumnNotFound, taskErrorTexts.columnNotOnBoard, field);
export const wipLimitReached = (limit: number) => userError(TaskErrorCode.ColumnWipLimit, text(taskErrorTexts.wipLimit, { limit }), ['input', 'columnId']);
export const neighbourNotInColumn = (field: string) => userError(TaskErrorCode.NeighbourNotInColumn, taskErrorTexts.neighbourNotInColumn, ['input', field]);
