import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the Board aggregate (boards and their columns) answers. */
export const BoardErrorCode = {
  InvalidInput: 'BOARD_INVALID_INPUT',
  NotFound: 'BOARD_NOT_FOUND',
  ColumnNotFound: 'BOARD_COLUMN_NOT_FOUND',
  ColumnNotEmpty: 'BOARD_COLUMN_NOT_EMPTY',
} as const;

export const boardNotFound = (field: readonly (string | number)[] = ['input', 'id']) => userError(BoardErrorCode.NotFound, taskErrorTexts.boardNotFound, field);
export const columnNotFound = (field = 'id') => userError(BoardErrorCode.ColumnNotFound, taskErrorTexts.columnNotFoundInOrganization, ['input', field]);
export const columnNotEmpty = () => userError(BoardErrorCode.ColumnNotEmpty, taskErrorTexts.columnNotEmpty, ['input', 'id']);
