import { userError } from '@cellgraph/kernel';
import { taskErrorTexts } from '../messages.js';

/** Every code the TaskDependency aggregate answers. */
export const DependencyErrorCode = {
  Cycle: 'TASK_DEPENDENCY_CYCLE',
  Exists: 'TASK_DEPENDENCY_EXISTS',
  NotFound: 'TASK_DEPENDENCY_NOT_FOUND',
} as const;

export const dependencyCycle = () => userError(DependencyErrorCode.Cycle, taskErrorTexts.dependencyCycle, ['input', 'dependsOnId']);
export const selfDependency = () => userError(DependencyErrorCode.Cycle, taskErrorTexts.selfDependency, ['input', 'dependsOnId']);
export const alreadyDepends = () => userError(DependencyErrorCode.Exists, taskErrorTexts.alreadyDepends, ['input', 'dependsOnId']);
export const dependencyNotFound = () => userError(DependencyErrorCode.NotFound, taskErrorTexts.dependencyNotFound, ['input', 'id']);
