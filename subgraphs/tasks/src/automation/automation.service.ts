import {
  fromGlobalId,
  globalIdOf,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Database,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import { In } from 'typeorm';
import { z } from 'zod';
import type { BoardService } from '../board/board.service.js';
import { TaskPriority, TaskStatus } from '../task/task.entity.js';
import { Automation, type AutomationAction, type AutomationCondition } from './automation.entities.js';
import { AutomationErrorCode, automationNotFound } from './automation.errors.js';
import { taskErrorTexts } from '../messages.js';

export const AUTOMATION_TRIGGERS = [
  'task.created',
  'task.updated',
  'task.assigned',
  'task.status_changed',
  'task.completed',
  'task.moved',
  'task.unblocked',
  'task.checklist_completed',
] as const;

/**
 * Enum values in rules are written as the API writes them (DONE, HIGH); stored as the values
 * tasks hold ('done', 'high').
 */
const enumValue = <E extends Record<string, string>>(values: E) =>
  z.string().transform((name, ctx) => {
    const value = values[name as keyof E] ?? (Object.values(values).includes(name) ? name : undefined);
    if (value === undefined) ctx.addIssue({ code: 'custom', message: zodMessage(taskErrorTexts.expectedOneOf, { values: Object.keys(values).join(', ') }) });
    return value as E[keyof E];
  });
const ENUM_FIELDS = { status: enumValue(TaskStatus), priority: enumValue(TaskPriority) } as const;

const condition = z
  .object({
    field: z.enum(['status', 'priority', 'assigneeId', 'columnId', 'title']),
    operator: z.enum(['eq', 'neq', 'in', 'contains', 'isNull']),
    value: z.unknown().optional(),
  })
  .transform((c, ctx) => {
    const asEnum = c.field === 'status' || c.field === 'priority' ? ENUM_FIELDS[c.field] : null;
    if (!asEnum || c.value === undefined || c.value === null || typeof c.value === 'boolean') return c;
    const parse = (v: unknown) => {
      const parsed = asEnum.safeParse(v);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.error.issues[0]!.message });
      return parsed.data;
    };
    return { ...c, value: Array.isArray(c.value) ? c.value.map(parse) : parse(c.value) };
  });
// set_field appears once per field, so the union is not discriminated by `type` alone.
const action = z.union([
  z.object({ type: z.literal('notify'), recipients: z.array(z.enum(['assignee', 'watchers', 'creator'])).min(1), message: z.string().trim().min(1).max(500) }),
  z.object({ type: z.literal('set_field'), field: z.literal('status'), value: ENUM_FIELDS.status }),
  z.object({ type: z.literal('set_field'), field: z.literal('priority'), value: ENUM_FIELDS.priority.nullable() }),
  z.object({ type: z.literal('set_field'), field: z.literal('dueDate'), value: z.iso.datetime().nullable() }),
  z.object({ type: z.literal('reassign'), assigneeId: globalIdOf('User').nullable() }),
]);
const automationInput = z.object({
  name: z.string().trim().min(1, zodMessage(taskErrorTexts.nameRequired)).max(200),
  trigger: z.enum(AUTOMATION_TRIGGERS, zodMessage(taskErrorTexts.triggerOneOf, { triggers: AUTOMATION_TRIGGERS.join(', ') })),
  conditions: z.array(condition).max(20).default([]),
  actions: z.array(action).min(1, zodMessage(taskErrorTexts.actionRequired)).max(10),
  active: z.boolean().default(true),
});

/** Board automations: created and changed by those who may change the board. */
export class AutomationService {
  constructor(
    private readonly db: Database,
    private readonly boards: BoardService,
  ) {}

  async create(request: RequestContext, input: { boardId: string } & z.input<typeof automationInput>): Promise<Automation> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    const boardId = fromGlobalId('Board', input.boardId, 'boardId');
    await this.boards.requireBoard(request, 'write', boardId);
    const valid = validateInput(automationInput, input, AutomationErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const automation = em.create(Automation, {
        id: uuidv7(),
        orgId,
        boardId,
        name: valid.name,
        trigger: valid.trigger,
        conditions: valid.conditions as AutomationCondition[],
        actions: valid.actions as AutomationAction[],
        active: valid.active,
        createdBy,
      });
      return em.save(automation);
    });
  }

  async setActive(request: RequestContext, id: string, active: boolean): Promise<Automation> {
    const automationId = fromGlobalId('TaskAutomation', id);
    return this.db.transaction(request, async (em) => {
      const automation = await em.findOneBy(Automation, { id: automationId });
      if (!automation) throw automationNotFound();
      await this.boards.requireBoard(request, 'write', automation.boardId, em);
      automation.active = active;
      return em.save(automation);
    });
  }

  async delete(request: RequestContext, id: string): Promise<string> {
    const automationId = fromGlobalId('TaskAutomation', id);
    await this.db.transaction(request, async (em) => {
      const automation = await em.findOneBy(Automation, { id: automationId });
      if (!automation) throw automationNotFound();
      await this.boards.requireBoard(request, 'write', automation.boardId, em);
      await em.delete(Automation, { id: automationId });
    });
    return id;
  }

  async of(request: RequestContext, boardIds: readonly string[]): Promise<Automation[]> {
    return this.db.transaction(request, (em) => em.find(Automation, { where: { boardId: In([...boardIds]) }, order: { createdAt: 'ASC' } }));
  }
}
