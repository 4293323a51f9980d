import { claimOnce, fromGlobalId, principalUserId, requireOrgId, type Database, type RequestContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { emitTaskEvent } from '../task/task.events.js';
import type { TaskService } from '../task/task.service.js';
import { TaskWatcher } from './watcher.entity.js';
import { notWatching, watcherUnnamed } from './watcher.errors.js';

/** Watchers of tasks: anyone who can read a task may watch it; adding someone else needs write access. */
export class WatcherService {
  constructor(
    private readonly db: Database,
    private readonly tasks: TaskService,
  ) {}

  async add(request: RequestContext, input: { taskId: string; userId?: string | null }): Promise<void> {
    const { taskId, userId, self } = this.parse(request, input);
    await this.tasks.access.requireExisting(request, self ? 'read' : 'write', taskId, ['input', 'taskId']);
    const orgId = requireOrgId(request);
    if (!self) await this.tasks.requireMember(orgId, userId);
    await this.db.transaction(request, async (em) => {
      if (await claimOnce(em, 'tasks.watchers', { task_id: taskId, user_id: userId, org_id: orgId }))
        await emitTaskEvent(this.db, em, { id: taskId, orgId }, 'task.watcher_added', { userId });
    });
  }

  async remove(request: RequestContext, input: { taskId: string; userId?: string | null }): Promise<void> {
    const { taskId, userId, self } = this.parse(request, input);
    await this.tasks.access.requireExisting(request, self ? 'read' : 'write', taskId, ['input', 'taskId']);
    await this.db.transaction(request, async (em) => {
      const removed = await em.delete(TaskWatcher, { taskId, userId });
      if (!removed.affected) throw notWatching();
      await emitTaskEvent(this.db, em, { id: taskId, orgId: requireOrgId(request) }, 'task.watcher_removed', { userId });
    });
  }

  async of(request: RequestContext, taskIds: readonly string[]): Promise<TaskWatcher[]> {
    return this.db.transaction(request, (em) => em.find(TaskWatcher, { where: { taskId: In([...taskIds]) }, order: { createdAt: 'ASC' } }));
  }

  private parse(request: RequestContext, input: { taskId: string; userId?: string | null }) {
    const taskId = fromGlobalId('Task', input.taskId, 'taskId');
    const caller = principalUserId(request.principal);
    const userId = input.userId ? fromGlobalId('User', input.userId, 'userId') : caller;
    if (!userId) throw watcherUnnamed();
    return { taskId, userId, self: userId === caller };
  }
}
