import { collaborationEvents, NODE_TAG_EVENTS } from '@cellgraph/collaboration/contracts';
import { taskJobMessages } from './messages.js';
import { defineSubgraph, NodeTagProjection, referenceAsIs, typedEventHandlers, typedJob, deletionEvents } from '@cellgraph/kernel';
import { taskImporters } from './importers.js';
import { Automation, AutomationRun } from './automation/automation.entities.js';
import { AutomationEngine } from './automation/automation.engine.js';
import { AutomationResolver } from './automation/automation.resolver.js';
import { AUTOMATION_TRIGGERS, AutomationService } from './automation/automation.service.js';
import { Board, BoardColumn } from './board/board.entities.js';
import { resolveBoardReference } from './board/board.reference.js';
import { BoardColumnResolver, BoardResolver } from './board/board.resolver.js';
import { BoardService } from './board/board.service.js';
import { Checklist, ChecklistItem } from './checklist/checklist.entities.js';
import { ChecklistResolver, TaskChecklistsResolver } from './checklist/checklist.resolver.js';
import { ChecklistService } from './checklist/checklist.service.js';
// Task's own fields come after its checklists and before its dependencies in the schema (the order resolvers register in).
import { TaskAnalyticsResolver } from './task/task.analytics.js';
import { TaskResolver } from './task/task.resolver.js';
import { TaskDependency } from './dependency/dependency.entity.js';
import { DependencyResolver, TaskDependenciesResolver } from './dependency/dependency.resolver.js';
import { DependencyService } from './dependency/dependency.service.js';
import { migrations } from './migrations/index.js';
import { Recurrence, RecurrenceRun } from './recurrence/recurrence.entities.js';
import { RecurrenceResolver } from './recurrence/recurrence.resolver.js';
import { tasksEvents, tasksJobs } from './contracts.js';
import { RECURRENCE_RUN_JOB, RECURRENCE_SWEEP_JOB, RecurrenceService } from './recurrence/recurrence.service.js';
import type { TasksServices } from './services.js';
import { Task } from './task/task.entity.js';
import { resolveTaskReference } from './task/task.reference.js';
import { TaskService } from './task/task.service.js';
import { TeamTasksResolver } from './team/team-tasks.resolver.js';
import { TeamRef } from './team/team.ref.js';
import { boardTrash, taskTrash } from './trash.js';
import { TimeEntry } from './time/time-entry.entity.js';
import { TaskTimeResolver, TimeEntryResolver, TimeReportRowResolver } from './time/time.resolver.js';
import { TimeService } from './time/time.service.js';
import { UserTasksResolver } from './user/user-tasks.resolver.js';
import { TaskWatcher } from './watcher/watcher.entity.js';
import { WatcherResolver } from './watcher/watcher.resolver.js';
import { WatcherService } from './watcher/watcher.service.js';
import { TaskLiveResolver } from './task/task.live.js';

export const tasksSubgraph = defineSubgraph<TasksServices>({
  name: 'tasks',
  description: 'Tasks: boards and columns, hierarchy, checklists, dependencies, watchers, recurrences, time tracking, automations.',
  scope: 'tasks',
  scopeDescription: 'boards, tasks, checklists, dependencies, watchers, recurrences, time entries and automations',
  nodeTypes: ['Task', 'Board'],
  // Found by the cell's search (the kernel writes their documents from these events).
  searchable: [{ type: 'Task', table: 'tasks', title: 'title', body: ['description'], events: ['task.*'] }],
  trash: [taskTrash, boardTrash],
  // Imported from spreadsheets by the imports module (when the cell has it).
  importers: taskImporters,
  // A board's subscribers are asked only about its tasks' events (a moved task: both boards).
  liveEvents: { taskChanged: { events: ['task.*'], routes: { boardId: ['data.boardId', 'data.before.boardId'], id: ['subject.id'] } } },
  dependsOn: ['identity'],
  migrations,
  entities: [Task, Board, BoardColumn, Checklist, ChecklistItem, TaskDependency, TaskWatcher, Recurrence, RecurrenceRun, TimeEntry, Automation, AutomationRun],
  resolvers: [
    TaskResolver,
    TaskAnalyticsResolver,
    TaskLiveResolver,
    BoardResolver,
    BoardColumnResolver,
    ChecklistResolver,
    TaskChecklistsResolver,
    DependencyResolver,
    TaskDependenciesResolver,
    WatcherResolver,
    RecurrenceResolver,
    TimeEntryResolver,
    TimeReportRowResolver,
    TaskTimeResolver,
    AutomationResolver,
    UserTasksResolver,
    TeamTasksResolver,
  ],
  // Team is reached from no tasks field; its stub must still be in the schema to carry `tasks`.
  orphanedTypes: [TeamRef],
  references: {
    Task: resolveTaskReference,
    Board: resolveBoardReference,
    User: referenceAsIs,
    Team: referenceAsIs,
  },
  emits: tasksEvents,
  audited: deletionEvents(tasksEvents),
  createServices({ db, authz, jobs, settings }) {
    const tasks = new TaskService(db, authz);
    const boards = new BoardService(db, authz);
    return {
      tasks,
      boards,
      checklists: new ChecklistService(db, tasks),
      dependencies: new DependencyService(db, tasks),
      watchers: new WatcherService(db, tasks),
      recurrences: new RecurrenceService(db, authz, jobs),
      time: new TimeService(db, tasks, authz),
      automations: new AutomationService(db, boards),
      engine: new AutomationEngine(db, tasks),
      tagProjection: new NodeTagProjection(db, 'tasks', ['Task']),
      settings,
    };
  },
  consumes: [...AUTOMATION_TRIGGERS, ...NODE_TAG_EVENTS],
  eventHandlers: ({ engine, tagProjection }) => ({
    ...typedEventHandlers(
      tasksEvents,
      Object.fromEntries(AUTOMATION_TRIGGERS.map((trigger) => [trigger, (event: Parameters<AutomationEngine['handle']>[0]) => engine.handle(event)])),
    ),
    ...typedEventHandlers(collaborationEvents, {
      'entity.tagged': (event) => tagProjection.set(event, true),
      'entity.untagged': (event) => tagProjection.set(event, false),
      'tag.deleted': (event) => tagProjection.forgetTag(event),
    }),
  }),
  jobs: ({ recurrences }) => ({
    [RECURRENCE_RUN_JOB]: typedJob(RECURRENCE_RUN_JOB, tasksJobs[RECURRENCE_RUN_JOB], (data) => recurrences.run(data)),
    [RECURRENCE_SWEEP_JOB]: () => recurrences.sweep(),
  }),
  schedules: [{ job: RECURRENCE_SWEEP_JOB, everyMs: 60_000, description: taskJobMessages.recurrenceSweep }],
});
