import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code time tracking answers. */
export const TimeErrorCode = {
  InvalidInput: 'TIME_INVALID_INPUT',
  EntryNotFound: 'TIME_ENTRY_NOT_FOUND',
  NoRunningTimer: 'TIME_NO_RUNNING_TIMER',
} as const;

export const entryNotFound = () => userError(TimeErrorCode.EntryNotFound, taskErrorTexts.timeEntryNotFound, ['input', 'id']);
export const noRunningTimer = () => userError(TimeErrorCode.NoRunningTimer, taskErrorTexts.noRunningTimer, null);
export const reportPeriodInverted = () => userError(TimeErrorCode.InvalidInput, taskErrorTexts.reportPeriodInverted, ['input', 'from']);
export const reportPeriodsMany = () => userError(TimeErrorCode.InvalidInput, taskErrorTexts.reportPeriodsMany, ['input', 'groupBy']);
