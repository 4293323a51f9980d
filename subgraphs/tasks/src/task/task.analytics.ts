import { analyticsResolver } from '@cellgraph/kernel';
import type { TasksServices } from '../services.js';
import { TaskPriority, TaskStatus } from './task.entity.js';
import { TaskFilter } from './task.inputs.js';

/** `taskAnalytics(filter:)`: counts, groups and time series over the tasks `tasks(filter:)` lists. */
export const TaskAnalyticsResolver = analyticsResolver<TasksServices, TaskFilter>({
  type: 'Task',
  field: 'taskAnalytics',
  description: 'Counts, groups (e.g. tasks by status) and time series of the tasks you can read; the filter is the one of `tasks`.',
  filter: TaskFilter,
  spec: {
    dimensions: {
      status: { path: 'task.status', kind: 'enum', enum: TaskStatus },
      priority: { path: 'task.priority', kind: 'enum', enum: TaskPriority },
      assignee: { path: 'task.assigneeId', kind: 'id', idType: 'User' },
      createdBy: { path: 'task.createdBy', kind: 'id', idType: 'User' },
      board: { path: 'task.boardId', kind: 'id', idType: 'Board' },
    },
    dates: { createdAt: 'task.createdAt', completedAt: 'task.completedAt', dueDate: 'task.dueDate' },
  },
  settings: (services) => services.settings,
  source: (services, request, filter) => services.tasks.analyticsSource(request, filter),
});
