import { userError } from '@cellgraph/kernel';

/** Every code the watchers of a task answer. */
export const WatcherErrorCode = {
  NotFound: 'TASK_WATCHER_NOT_FOUND',
} as const;

export const notWatching = () => userError(WatcherErrorCode.NotFound, 'This user does not watch the task', ['input', 'userId']);
export const watcherUnnamed = () => userError(WatcherErrorCode.NotFound, 'Name the user to add', ['input', 'userId']);
