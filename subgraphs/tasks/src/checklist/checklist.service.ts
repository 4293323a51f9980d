import { fromGlobalId, keyBetween, uuidv7, validateInput, type Database, type RequestContext, zodMessage } from '@cellgraph/kernel';
import { In, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { Task } from '../task/task.entity.js';
import { taskNotFound } from '../task/task.errors.js';
import { emitTaskEvent } from '../task/task.events.js';
import type { TaskService } from '../task/task.service.js';
import { Checklist, ChecklistItem } from './checklist.entities.js';
import { ChecklistErrorCode, checklistNotFound, itemNotFound } from './checklist.errors.js';
import { taskErrorTexts } from '../messages.js';
const title = z.string().trim().min(1, zodMessage(taskErrorTexts.titleRequired)).max(500, zodMessage(taskErrorTexts.titleTooLong));

/**
 * Checklists of tasks and their ordered items. Permissions follow the task. Ticking the last open
 * item emits `task.checklist_completed`.
 */
export class ChecklistService {
  constructor(
    private readonly db: Database,
    private readonly tasks: TaskService,
  ) {}

  async create(request: RequestContext, input: { taskId: string; title: string; items?: string[] | null }): Promise<Checklist> {
    const taskId = fromGlobalId('Task', input.taskId, 'taskId');
    await this.tasks.access.requireExisting(request, 'write', taskId, ['input', 'taskId']);
    const valid = validateInput(z.object({ title, items: z.array(title).max(200).nullish() }), input, ChecklistErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      // The reference check sees tasks in the trash too; they take no checklist.
      const task = await em.findOneBy(Task, { id: taskId });
      if (!task) throw taskNotFound(['input', 'taskId']);
      const checklist = await em.save(em.create(Checklist, { id: uuidv7(), orgId: task.orgId, taskId, title: valid.title }));
      let last: string | null = null;
      for (const item of valid.items ?? []) {
        last = keyBetween(last, null);
        await em.insert(ChecklistItem, { id: uuidv7(), orgId: task.orgId, checklistId: checklist.id, title: item, done: false, doneAt: null, position: last });
      }
      return checklist;
    });
  }

  async delete(request: RequestContext, id: string): Promise<string> {
    const checklistId = fromGlobalId('Checklist', id);
    await this.db.transaction(request, async (em) => {
      const checklist = await this.checklist(request, em, checklistId);
      await em.delete(Checklist, { id: checklist.id });
    });
    return id;
  }

  async addItem(request: RequestContext, input: { checklistId: string; title: string; afterItemId?: string | null }): Promise<ChecklistItem> {
    const checklistId = fromGlobalId('Checklist', input.checklistId, 'checklistId');
    const valid = validateInput(z.object({ title }), input, ChecklistErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const checklist = await this.checklist(request, em, checklistId);
      const position = await this.position(em, checklistId, input.afterItemId ? fromGlobalId('ChecklistItem', input.afterItemId, 'afterItemId') : 'end', null);
      const item = em.create(ChecklistItem, { id: uuidv7(), orgId: checklist.orgId, checklistId, title: valid.title, done: false, doneAt: null, position });
      await em.insert(ChecklistItem, item);
      return em.findOneByOrFail(ChecklistItem, { id: item.id });
    });
  }

  /** Ticks or unticks an item; ticking the last open one completes the checklist. */
  async toggle(request: RequestContext, input: { id: string; done: boolean }): Promise<ChecklistItem> {
    const id = fromGlobalId('ChecklistItem', input.id);
    return this.db.transaction(request, async (em) => {
      const item = await em.findOne(ChecklistItem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw itemNotFound();
      const checklist = await this.checklist(request, em, item.checklistId);
      if (item.done === input.done) return item;
      item.done = input.done;
      item.doneAt = input.done ? new Date() : null;
      await em.save(item);
      const open = await em.countBy(ChecklistItem, { checklistId: item.checklistId, done: false });
      if (input.done && open === 0) {
        await emitTaskEvent(this.db, em, { id: checklist.taskId, orgId: checklist.orgId }, 'task.checklist_completed', {
          checklistId: checklist.id,
          title: checklist.title,
        });
      }
      return item;
    });
  }

  /** Moves an item right after `afterItemId`, or first. */
  async moveItem(request: RequestContext, input: { id: string; afterItemId?: string | null }): Promise<ChecklistItem> {
    const id = fromGlobalId('ChecklistItem', input.id);
    return this.db.transaction(request, async (em) => {
      const item = await em.findOneBy(ChecklistItem, { id });
      if (!item) throw itemNotFound();
      await this.checklist(request, em, item.checklistId);
      item.position = await this.position(em, item.checklistId, input.afterItemId ? fromGlobalId('ChecklistItem', input.afterItemId, 'afterItemId') : null, id);
      return em.save(item);
    });
  }

  async updateItem(request: RequestContext, input: { id: string; title: string }): Promise<ChecklistItem> {
    const id = fromGlobalId('ChecklistItem', input.id);
    const valid = validateInput(z.object({ title }), input, ChecklistErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const item = await em.findOneBy(ChecklistItem, { id });
      if (!item) throw itemNotFound();
      await this.checklist(request, em, item.checklistId);
      item.title = valid.title;
      return em.save(item);
    });
  }

  async deleteItem(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('ChecklistItem', idInput);
    await this.db.transaction(request, async (em) => {
      const item = await em.findOneBy(ChecklistItem, { id });
      if (!item) throw itemNotFound();
      await this.checklist(request, em, item.checklistId);
      await em.delete(ChecklistItem, { id });
    });
    return idInput;
  }

  async checklistsOf(request: RequestContext, taskIds: readonly string[]): Promise<Checklist[]> {
    return this.db.transaction(request, (em) => em.find(Checklist, { where: { taskId: In([...taskIds]) }, order: { createdAt: 'ASC' } }));
  }

  async itemsOf(request: RequestContext, checklistIds: readonly string[]): Promise<ChecklistItem[]> {
    return this.db.transaction(request, (em) => em.find(ChecklistItem, { where: { checklistId: In([...checklistIds]) }, order: { position: 'ASC' } }));
  }

  /** The checklist, provided the caller may change its task. */
  private async checklist(request: RequestContext, em: EntityManager, checklistId: string): Promise<Checklist> {
    const checklist = await em.findOneBy(Checklist, { id: checklistId });
    if (!checklist) throw checklistNotFound();
    await this.tasks.access.requireExisting(request, 'write', checklist.taskId, ['input', 'checklistId'], em);
    return checklist;
  }

  /** A key after `afterId` ('end': after the last item; null: first), ignoring `movingId`. */
  private async position(em: EntityManager, checklistId: string, afterId: string | 'end' | null, movingId: string | null): Promise<string> {
    await em.query('SELECT id FROM tasks.checklists WHERE id = $1 FOR UPDATE', [checklistId]);
    const items = (await em.find(ChecklistItem, { where: { checklistId }, order: { position: 'ASC' } })).filter((i) => i.id !== movingId);
    if (afterId !== null && afterId !== 'end' && !items.some((i) => i.id === afterId)) throw itemNotFound('afterItemId');
    const index = afterId === 'end' ? items.length : afterId === null ? 0 : items.findIndex((i) => i.id === afterId) + 1;
    return keyBetween(items[index - 1]?.position ?? null, items[index]?.position ?? null);
  }
}
