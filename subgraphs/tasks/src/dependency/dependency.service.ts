import { fromGlobalId, isUniqueViolation, uuidv7, type Database, type RequestContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Task } from '../task/task.entity.js';
import { taskNotFound } from '../task/task.errors.js';
import { emitTaskEvent } from '../task/task.events.js';
import type { TaskService } from '../task/task.service.js';
import { DependencyType, TaskDependency } from './dependency.entity.js';
import { alreadyDepends, dependencyCycle, dependencyNotFound, selfDependency } from './dependency.errors.js';

/**
 * Dependencies between tasks (finish-to-start, start-to-start, finish-to-finish). An edge that
 * would close a cycle is refused: one recursive query walks everything the other task depends on.
 * Writes of one organization take an advisory lock, so two concurrent edges cannot close a cycle
 * together.
 */
export class DependencyService {
  constructor(
    private readonly db: Database,
    private readonly tasks: TaskService,
  ) {}

  async add(request: RequestContext, input: { taskId: string; dependsOnId: string; type?: DependencyType | null }): Promise<TaskDependency> {
    const taskId = fromGlobalId('Task', input.taskId, 'taskId');
    const dependsOnId = fromGlobalId('Task', input.dependsOnId, 'dependsOnId');
    if (taskId === dependsOnId) throw selfDependency();
    await this.tasks.access.requireExisting(request, 'write', taskId, ['input', 'taskId']);
    await this.tasks.access.requireExisting(request, 'read', dependsOnId, ['input', 'dependsOnId']);
    try {
      return await this.db.transaction(request, async (em) => {
        const task = await em.findOneBy(Task, { id: taskId });
        if (!task || !(await em.findOneBy(Task, { id: dependsOnId }))) throw taskNotFound(['input', 'dependsOnId']);
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tasks.dependencies.${task.orgId}`]);
        // A graph walk is one index lookup per step; a stale row estimate (say, after a bulk
        // import) would otherwise pick a full scan per step — seconds instead of milliseconds.
        await em.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
        const [{ cycle }] = (await em.query(
          `WITH RECURSIVE upstream(id) AS (
             SELECT $1::uuid
             UNION
             SELECT d.depends_on_id FROM tasks.dependencies d JOIN upstream u ON d.task_id = u.id)
           SELECT EXISTS (SELECT 1 FROM upstream WHERE id = $2) AS cycle`,
          [dependsOnId, taskId],
        )) as [{ cycle: boolean }];
        if (cycle) throw dependencyCycle();
        const dependency = em.create(TaskDependency, {
          id: uuidv7(),
          orgId: task.orgId,
          taskId,
          dependsOnId,
          type: input.type ?? DependencyType.FINISH_TO_START,
        });
        await em.insert(TaskDependency, dependency);
        await emitTaskEvent(this.db, em, { id: taskId, orgId: task.orgId }, 'task.dependency_added', { dependsOnId, type: dependency.type });
        return em.findOneByOrFail(TaskDependency, { id: dependency.id });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyDepends();
      throw error;
    }
  }

  async remove(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('TaskDependency', idInput);
    await this.db.transaction(request, async (em) => {
      const dependency = await em.findOneBy(TaskDependency, { id });
      if (!dependency) throw dependencyNotFound();
      await this.tasks.access.requireExisting(request, 'write', dependency.taskId, undefined, em);
      await em.delete(TaskDependency, { id });
      await emitTaskEvent(this.db, em, { id: dependency.taskId, orgId: dependency.orgId }, 'task.dependency_removed', { dependsOnId: dependency.dependsOnId });
    });
    return idInput;
  }

  /** Dependencies where any of `taskIds` is the dependent (`side` taskId) or the predecessor (`dependsOnId`). */
  async of(request: RequestContext, taskIds: readonly string[], side: 'taskId' | 'dependsOnId'): Promise<TaskDependency[]> {
    return this.db.transaction(request, (em) => em.find(TaskDependency, { where: { [side]: In([...taskIds]) }, order: { createdAt: 'ASC' } }));
  }
}
