import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Board, BoardColumn } from '../board/board.entities.js';
import { columnById, loadBoard } from '../board/board.loaders.js';
import type { TasksServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Task } from './task.entity.js';
import {
  TaskConnection,
  TaskCreateInput,
  TaskDeleteInput,
  TaskDeletePayload,
  TaskMoveInput,
  TaskPayload,
  TaskRestoreInput,
  TasksArgs,
  TaskUpdateInput,
} from './task.inputs.js';
import { timeEntriesOf } from '../time/time.loaders.js';
import { watchersOf } from '../watcher/watcher.loaders.js';
import { loadTask, subtasks } from './task.loaders.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => Task)
export class TaskResolver {
  constructor(private readonly services: TasksServices) {}

  @Query(() => Task, { nullable: true, description: 'A task of your organization, or null.' })
  task(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Task | null> {
    requireOrgId(context.request);
    return loadTask(context, fromGlobalId('Task', id));
  }

  @Query(() => TaskConnection, { nullable: true, description: 'Tasks of your organization (the list view).' })
  tasks(@Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return this.services.tasks.list(context.request, args);
  }

  @Mutation(() => TaskPayload, { nullable: true })
  taskCreate(@Arg('input', () => TaskCreateInput) input: TaskCreateInput, @Ctx() context: Context): Promise<TaskPayload> {
    return mutationPayload(async () => ({ task: await this.services.tasks.create(context.request, input) }));
  }

  @Mutation(() => TaskPayload, { nullable: true })
  taskUpdate(@Arg('input', () => TaskUpdateInput) input: TaskUpdateInput, @Ctx() context: Context): Promise<TaskPayload> {
    return mutationPayload(async () => ({ task: await this.services.tasks.update(context.request, input) }));
  }

  @Mutation(() => TaskPayload, { nullable: true, description: 'Move a task within or between columns (drag and drop).' })
  taskMove(@Arg('input', () => TaskMoveInput) input: TaskMoveInput, @Ctx() context: Context): Promise<TaskPayload> {
    return mutationPayload(async () => ({ task: await this.services.tasks.move(context.request, input) }));
  }

  @Mutation(() => TaskDeletePayload, { nullable: true, description: 'Move a task to the trash (it can be restored).' })
  taskDelete(@Arg('input', () => TaskDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTaskId: await this.services.tasks.delete(context.request, input) }));
  }

  @Mutation(() => TaskPayload, { nullable: true, description: 'Bring a task back from the trash.' })
  taskRestore(@Arg('input', () => TaskRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<TaskPayload> {
    return mutationPayload(async () => ({ task: await this.services.tasks.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true })
  assignee(@Root() task: Task): UserRef | null {
    return task.assigneeId ? UserRef.of(task.assigneeId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created the task (null when no longer visible to you).' })
  createdBy(@Root() task: Task): UserRef | null {
    return UserRef.of(task.createdBy);
  }

  @FieldResolver(() => [UserRef], { description: 'Who follows the task (its creator and assignee join automatically).' })
  async watchers(@Root() task: Task, @Ctx() context: Context): Promise<UserRef[]> {
    return (await watchersOf(this.services, context.loaders, context.request).load(task.id)).map(UserRef.of);
  }

  @FieldResolver(() => Task, { nullable: true, description: 'The task this is a subtask of.' })
  parent(@Root() task: Task, @Ctx() context: Context): Promise<Task | null> {
    return loadTask(context, task.parentId);
  }

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Direct subtasks (each may have its own).' })
  subtasks(@Root() task: Task, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return subtasks(this.services, context.loaders, context.request, args).load(task.id);
  }

  @FieldResolver(() => Board, { nullable: true })
  board(@Root() task: Task, @Ctx() context: Context): Promise<Board | null> {
    return loadBoard(context, task.boardId);
  }

  @FieldResolver(() => BoardColumn, { nullable: true })
  column(@Root() task: Task, @Ctx() context: Context): Promise<BoardColumn | null> {
    return task.columnId ? columnById(this.services, context.loaders, context.request).load(task.columnId) : Promise.resolve(null);
  }

  @FieldResolver(() => Int, { description: 'Seconds of time tracked on the task.' })
  async trackedSeconds(@Root() task: Task, @Ctx() context: Context): Promise<number> {
    return (await timeEntriesOf(this.services, context.loaders, context.request).load(task.id)).reduce((sum, entry) => sum + entry.durationSeconds, 0);
  }
}
