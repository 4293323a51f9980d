import { userError } from '@cellgraph/kernel';

/** Every code the TaskDependency aggregate answers. */
export const DependencyErrorCode = {
  Cycle: 'TASK_DEPENDENCY_CYCLE',
  Exists: 'TASK_DEPENDENCY_EXISTS',
  NotFound: 'TASK_DEPENDENCY_NOT_FOUND',
} as const;

export const dependencyCycle = () =>
  userError(DependencyErrorCode.Cycle, 'This dependency would close a cycle: the other task already depends on this one', ['input', 'dependsOnId']);
export const selfDependency = () => userError(DependencyErrorCode.Cycle, 'A task cannot depend on itself', ['input', 'dependsOnId']);
export const alreadyDepends = () => userError(DependencyErrorCode.Exists, 'This task already depends on that one', ['input', 'dependsOnId']);
export const dependencyNotFound = () => userError(DependencyErrorCode.NotFound, 'No such dependency', ['input', 'id']);
