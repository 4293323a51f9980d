import { userError } from '@cellgraph/kernel';

/** Every code the Board aggregate (boards and their columns) answers. */
export const BoardErrorCode = {
  InvalidInput: 'BOARD_INVALID_INPUT',
  NotFound: 'BOARD_NOT_FOUND',
  ColumnNotFound: 'BOARD_COLUMN_NOT_FOUND',
  ColumnNotEmpty: 'BOARD_COLUMN_NOT_EMPTY',
} as const;

export const boardNotFound = (field: readonly (string | number)[] = ['input', 'id']) =>
  userError(BoardErrorCode.NotFound, 'No such board in your organization', field);
export const columnNotFound = (field = 'id') => userError(BoardErrorCode.ColumnNotFound, 'No such column in your organization', ['input', field]);
export const columnNotEmpty = () => userError(BoardErrorCode.ColumnNotEmpty, 'Move the column’s tasks out before deleting it', ['input', 'id']);
