import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Task } from './task.entity.js';

@ObjectType({ description: 'A change to a task, as it happened.' })
export class TaskChange {
  @Field({ description: 'What happened: task.created, task.updated, task.assigned, task.status_changed, task.moved, task.deleted, …' })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { description: 'The task’s global id (also once it is deleted).' })
  taskId!: string;

  @Field(() => Task, { nullable: true, description: 'The task as it is now (null once deleted).' })
  task!: Task | null;

  @Field(() => [String], { description: 'The fields the change touched (task.updated), else empty.' })
  changedFields!: string[];

  actorId!: string | null;
}

/** Subscriptions to tasks: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => TaskChange)
export class TaskLiveResolver {
  constructor(private readonly services: TasksServices) {}

  @Subscription(() => TaskChange, { ...gatewayDriven, description: 'Changes to the tasks you can see: those on one board, or one task (give one).' })
  taskChanged(
    @Arg('boardId', () => ID, { nullable: true }) boardId: string | null,
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Ctx() context: SubgraphContext<TasksServices>,
  ): Promise<TaskChange | null> {
    return this.services.tasks.liveChange(context.request, liveEventOf(context), {
      boardId: boardId ? fromGlobalId('Board', boardId, 'boardId') : null,
      id: id ? fromGlobalId('Task', id, 'id') : null,
    });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system).' })
  actor(@Root() change: TaskChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
