import { userError } from '@cellgraph/kernel';

/** Every code time tracking answers. */
export const TimeErrorCode = {
  InvalidInput: 'TIME_INVALID_INPUT',
  EntryNotFound: 'TIME_ENTRY_NOT_FOUND',
  NoRunningTimer: 'TIME_NO_RUNNING_TIMER',
} as const;

export const entryNotFound = () => userError(TimeErrorCode.EntryNotFound, 'No such time entry of yours', ['input', 'id']);
export const noRunningTimer = () => userError(TimeErrorCode.NoRunningTimer, 'No timer is running', null);
export const reportPeriodInverted = () => userError(TimeErrorCode.InvalidInput, 'from must be before to', ['input', 'from']);
export const reportPeriodsMany = () => userError(TimeErrorCode.InvalidInput, 'Group by one period at most', ['input', 'groupBy']);
