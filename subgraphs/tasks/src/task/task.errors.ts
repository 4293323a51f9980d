import { userError } from '@cellgraph/kernel';

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

export const taskNotFound = (field: readonly (string | number)[] = ['input', 'id']) =>
  userError(TaskErrorCode.NotFound, 'No task with this id exists in your organization', field);
export const startAfterDue = () => userError(TaskErrorCode.InvalidInput, 'The start date must not be after the due date', ['input', 'startDate']);
export const assigneeNotMember = () =>
  userError(TaskErrorCode.AssigneeNotMember, 'The assignee must be a member of your organization', ['input', 'assigneeId']);
export const parentCycle = () => userError(TaskErrorCode.ParentCycle, 'A task cannot be placed under itself or one of its subtasks', ['input', 'parentId']);
export const boardNotFound = (field: string[] = ['input', 'boardId']) => userError(TaskErrorCode.BoardNotFound, 'No such board in your organization', field);
export const columnNotFound = (field: string[] = ['input', 'columnId']) => userError(TaskErrorCode.ColumnNotFound, 'No such column on this board', field);
export const wipLimitReached = (limit: number) => userError(TaskErrorCode.ColumnWipLimit, `This column holds at most ${limit} tasks`, ['input', 'columnId']);
export const neighbourNotInColumn = (field: string) =>
  userError(TaskErrorCode.NeighbourNotInColumn, 'The neighbouring task is not in that column', ['input', field]);
