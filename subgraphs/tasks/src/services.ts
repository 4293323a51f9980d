import type { NodeTagProjection, SettingsReader } from '@cellgraph/kernel';
import type { AutomationEngine } from './automation/automation.engine.js';
import type { AutomationService } from './automation/automation.service.js';
import type { BoardService } from './board/board.service.js';
import type { ChecklistService } from './checklist/checklist.service.js';
import type { DependencyService } from './dependency/dependency.service.js';
import type { RecurrenceService } from './recurrence/recurrence.service.js';
import type { TaskService } from './task/task.service.js';
import type { TimeService } from './time/time.service.js';
import type { WatcherService } from './watcher/watcher.service.js';

/** What resolvers, loaders, handlers and jobs receive: services only (the database and the authorizer stay inside them). */
export interface TasksServices {
  tasks: TaskService;
  boards: BoardService;
  checklists: ChecklistService;
  dependencies: DependencyService;
  watchers: WatcherService;
  recurrences: RecurrenceService;
  time: TimeService;
  automations: AutomationService;
  engine: AutomationEngine;
  /** Collaboration's tags on tasks, for `filter: { tags }`. */
  tagProjection: NodeTagProjection;
  /** The cell's settings (analytics read the caller's time zone). */
  settings: SettingsReader;
}
