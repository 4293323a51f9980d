import { userError } from '@cellgraph/kernel';

export const TaskErrorCode = {
  InvalidInput: 'TASK_INVALID_INPUT',
  NotFound: 'TASK_NOT_FOUND',
} as const;

export const taskNotFound = (field: string[] = ['input', 'id']) => userError(TaskErrorCode.NotFound, 'No task with this id exists in your organization', field);
export const assigneeNotMember = () => userError('TASK_ASSIGNEE_NOT_MEMBER', 'The assignee must be a member of your organization', ['input', 'assigneeId']);
export const parentCycle = () => userError('TASK_PARENT_CYCLE', 'A task cannot be placed under itself or one of its subtasks', ['input', 'parentId']);
export const boardNotFound = (field: string[] = ['input', 'boardId']) => userError('TASK_BOARD_NOT_FOUND', 'No such board in your organization', field);
export const columnNotFound = (field: string[] = ['input', 'columnId']) => userError('TASK_COLUMN_NOT_FOUND', 'No such column on this board', field);
export const wipLimitReached = (limit: number) =>
  userError('TASK_COLUMN_WIP_LIMIT', `This column holds at most ${limit} tasks`, ['input', 'columnId']);
export const dependencyCycle = () =>
  userError('TASK_DEPENDENCY_CYCLE', 'This dependency would close a cycle: the other task already depends on this one', ['input', 'dependsOnId']);
