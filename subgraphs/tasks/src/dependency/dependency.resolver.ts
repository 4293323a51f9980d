import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Task, TaskStatus } from '../task/task.entity.js';
import { loadTask } from '../task/task.loaders.js';
import { DependencyType, TaskDependency } from './dependency.entity.js';
import { TaskDependencyAddInput, TaskDependencyPayload, TaskDependencyRemoveInput, TaskDependencyRemovePayload } from './dependency.inputs.js';
import { dependenciesOf } from './dependency.loaders.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => TaskDependency)
export class DependencyResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => Task, { nullable: true })
  task(@Root() dependency: TaskDependency, @Ctx() context: Context): Promise<Task | null> {
    return loadTask(context, dependency.taskId);
  }

  @FieldResolver(() => Task, { nullable: true })
  dependsOn(@Root() dependency: TaskDependency, @Ctx() context: Context): Promise<Task | null> {
    return loadTask(context, dependency.dependsOnId);
  }

  @Mutation(() => TaskDependencyPayload, {
    nullable: true,
    description: 'Make a task depend on another; refused with TASK_DEPENDENCY_CYCLE when it would close a cycle.',
  })
  taskDependencyAdd(@Arg('input', () => TaskDependencyAddInput) input: TaskDependencyAddInput, @Ctx() context: Context): Promise<TaskDependencyPayload> {
    return mutationPayload(async () => ({ dependency: await this.services.dependencies.add(context.request, input) }));
  }

  @Mutation(() => TaskDependencyRemovePayload, { nullable: true })
  taskDependencyRemove(@Arg('input', () => TaskDependencyRemoveInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ removedTaskDependencyId: await this.services.dependencies.remove(context.request, input.id) }));
  }
}

@Resolver(() => Task)
export class TaskDependenciesResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => [TaskDependency], { description: 'What this task depends on.' })
  dependencies(@Root() task: Task, @Ctx() context: Context): Promise<TaskDependency[]> {
    return dependenciesOf(this.services, context.loaders, context.request, 'taskId').load(task.id);
  }

  @FieldResolver(() => [TaskDependency], { description: 'What depends on this task.' })
  dependents(@Root() task: Task, @Ctx() context: Context): Promise<TaskDependency[]> {
    return dependenciesOf(this.services, context.loaders, context.request, 'dependsOnId').load(task.id);
  }

  @FieldResolver(() => Boolean, { description: 'A finish-to-start predecessor is not done yet.' })
  async blocked(@Root() task: Task, @Ctx() context: Context): Promise<boolean> {
    const predecessors = (await dependenciesOf(this.services, context.loaders, context.request, 'taskId').load(task.id)).filter(
      (d) => d.type === DependencyType.FINISH_TO_START,
    );
    for (const dependency of predecessors) {
      const predecessor = await loadTask(context, dependency.dependsOnId).catch(() => null);
      if (predecessor && predecessor.status !== TaskStatus.DONE) return true;
    }
    return false;
  }
}
