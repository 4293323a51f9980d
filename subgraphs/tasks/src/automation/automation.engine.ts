import { claimOnce, systemRequest, toGlobalId, type Database, type RequestContext, type TypedEvent } from '@cellgraph/kernel';
import { Task } from '../task/task.entity.js';
import type { AutomationCause } from '../task/task.events.js';
import type { TaskService } from '../task/task.service.js';
import { TaskWatcher } from '../watcher/watcher.entity.js';
import { Automation, type AutomationAction, type AutomationCondition } from './automation.entities.js';

/** No chain of rules triggering rules runs longer than this. */
export const MAX_AUTOMATION_CHAIN = 10;

export function conditionHolds(task: Task, condition: AutomationCondition): boolean {
  const actual = task[condition.field] as unknown;
  switch (condition.operator) {
    case 'eq':
      return actual === condition.value;
    case 'neq':
      return actual !== condition.value;
    case 'in':
      return Array.isArray(condition.value) && condition.value.includes(actual);
    case 'contains':
      return typeof actual === 'string' && typeof condition.value === 'string' && actual.toLowerCase().includes(condition.value.toLowerCase());
    case 'isNull':
      return (actual === null) === (condition.value !== false);
  }
}

/**
 * Who an automation acts as: the system, in the event's organization — the principal the event
 * worker runs its handlers as (same request id), built from the event rather than read from ambient context.
 */
export function systemRequestOf(event: Pick<TypedEvent<unknown>, 'id' | 'orgId'>): RequestContext {
  return systemRequest(`job:${event.id}`, event.orgId);
}

/**
 * Runs board automations from task events (delivered at least once by the event worker). Each
 * rule fires once per event (a run row keyed by rule and event), and the events its actions cause
 * carry the chain of rules that led to them: a rule already in the chain does not fire again, so
 * two rules that trigger each other stop after one round, and no chain exceeds MAX_AUTOMATION_CHAIN.
 */
export class AutomationEngine {
  constructor(
    private readonly db: Database,
    private readonly tasks: TaskService,
  ) {}

  /** A task event among AUTOMATION_TRIGGERS (each carries the chain of rules that caused it, if any). */
  async handle(event: TypedEvent<{ cause?: AutomationCause }>): Promise<void> {
    if (event.subject?.type !== 'Task' || !event.orgId) return;
    const system = systemRequestOf(event);
    const chain = event.data.cause?.chain ?? [];
    if (chain.length >= MAX_AUTOMATION_CHAIN) return;
    const task = await this.db.transaction(system, (em) => em.findOneBy(Task, { id: event.subject!.id }));
    if (!task?.boardId) return;
    const rules = await this.db.transaction(system, (em) => em.findBy(Automation, { boardId: task.boardId!, trigger: event.type, active: true }));
    for (const rule of rules) {
      if (chain.includes(rule.id) || !rule.conditions.every((condition) => conditionHolds(task, condition))) continue;
      const claimed = await this.db.transaction(system, (em) =>
        claimOnce(em, 'tasks.automation_runs', { automation_id: rule.id, event_id: event.id, org_id: event.orgId }),
      );
      if (!claimed) continue; // this rule already ran for this event
      const cause: AutomationCause = { chain: [...chain, rule.id] };
      for (const action of rule.actions) await this.perform(action, task, rule, cause, system);
    }
  }

  private async perform(action: AutomationAction, task: Task, rule: Automation, cause: AutomationCause, system: RequestContext): Promise<void> {
    const id = toGlobalId('Task', task.id);
    switch (action.type) {
      case 'set_field':
        await this.tasks.update(
          system,
          { id, [action.field]: action.field === 'dueDate' && action.value ? new Date(action.value as string) : action.value } as never,
          cause,
        );
        return;
      case 'reassign':
        await this.tasks.update(system, { id, assigneeId: action.assigneeId ? toGlobalId('User', action.assigneeId) : null }, cause);
        return;
      case 'notify': {
        const recipients = await this.recipients(task, action.recipients);
        await this.db.transaction({ orgId: task.orgId, userId: null }, (em) =>
          this.db.emit(em, {
            type: 'automation.notification_requested',
            orgId: task.orgId,
            subject: { type: 'Task', id: task.id },
            data: { automationId: rule.id, automation: rule.name, message: action.message, recipients, cause },
          }),
        );
      }
    }
  }

  private async recipients(task: Task, kinds: ('assignee' | 'watchers' | 'creator')[]): Promise<string[]> {
    const ids = new Set<string>();
    if (kinds.includes('assignee') && task.assigneeId) ids.add(task.assigneeId);
    if (kinds.includes('creator')) ids.add(task.createdBy);
    if (kinds.includes('watchers')) {
      const watchers = await this.db.transaction({ orgId: task.orgId, userId: null }, (em) => em.findBy(TaskWatcher, { taskId: task.id }));
      watchers.forEach((w) => ids.add(w.userId));
    }
    return [...ids];
  }
}
