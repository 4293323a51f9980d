import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the watchers of a task answer. */
export const WatcherErrorCode = {
  NotFound: 'TASK_WATCHER_NOT_FOUND',
} as const;

export const notWatching = () => userError(WatcherErrorCode.NotFound, taskErrorTexts.notWatching, ['input', 'userId']);
export const watcherUnnamed = () => userError(WatcherErrorCode.NotFound, taskErrorTexts.watcherUnnamed, ['input', 'userId']);
