import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  EnumComparator,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  TagComparator,
  UserError,
} from '@cellgraph/kernel';
import { GraphQLDateTimeISO, GraphQLJSONObject } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Task, TaskPriority, TaskStatus } from './task.entity.js';

@InputType()
export class TaskCreateInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => TaskStatus, { nullable: true, description: 'Defaults to TODO.' })
  status?: TaskStatus | null;

  @Field(() => TaskPriority, { nullable: true })
  priority?: TaskPriority | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  dueDate?: Date | null;

  @Field(() => ID, { nullable: true, description: 'User to assign the task to.' })
  assigneeId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  startDate?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Board to put the task on (in its first column unless columnId is given).' })
  boardId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Column to put the task in, at the end.' })
  columnId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Make it a subtask of this task.' })
  parentId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Custom fields.' })
  metadata?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true })
  storyPoints?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class TaskUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus | null;

  @Field(() => TaskPriority, { nullable: true })
  priority?: TaskPriority | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  dueDate?: Date | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  startDate?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Move under another task; null makes it top-level.' })
  parentId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Replaces the custom fields.' })
  metadata?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true })
  storyPoints?: number | null;
}

@InputType({ description: 'Moves a task to a column (of any board), after or before a task of it, or at its end.' })
export class TaskMoveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  columnId!: string;

  @Field(() => ID, { nullable: true })
  afterId?: string | null;

  @Field(() => ID, { nullable: true })
  beforeId?: string | null;
}

export const TaskDeleteInput = IdInput('TaskDeleteInput');
export const TaskRestoreInput = IdInput('TaskRestoreInput');

@ObjectType()
export class TaskPayload {
  @Field(() => Task, { nullable: true })
  task?: Task;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const TaskDeletePayload = DeletePayload('TaskDeletePayload', 'deletedTaskId', 'Id of the task moved to the trash.');

const TaskStatusComparator = EnumComparator(TaskStatus, 'TaskStatus');
const TaskPriorityComparator = EnumComparator(TaskPriority, 'TaskPriority');

@InputType({ description: 'Conditions on tasks; fields combine with AND.' })
export class TaskFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) title?: StringComparator | null;
  @Field(() => TaskStatusComparator, { nullable: true }) status?: InstanceType<typeof TaskStatusComparator> | null;
  @Field(() => TaskPriorityComparator, { nullable: true }) priority?: InstanceType<typeof TaskPriorityComparator> | null;
  @Field(() => IDComparator, { nullable: true, description: 'The assignee (User ids).' }) assignee?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) dueDate?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) startDate?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) completedAt?: DateTimeComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The board (Board ids).' }) board?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The column (BoardColumn ids).' }) column?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The parent task; isNull: true for top-level tasks.' }) parent?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => TagComparator, { nullable: true }) tags?: TagComparator | null;
  @Field(() => [TaskFilter], { nullable: true }) and?: TaskFilter[] | null;
  @Field(() => [TaskFilter], { nullable: true }) or?: TaskFilter[] | null;
  @Field(() => TaskFilter, { nullable: true }) not?: TaskFilter | null;
}

export enum TaskOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  DUE_DATE = 'dueDate',
  START_DATE = 'startDate',
  TITLE = 'title',
}
registerEnumType(TaskOrderField, { name: 'TaskOrderField' });

@InputType()
export class TaskOrder {
  @Field(() => TaskOrderField)
  field!: TaskOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class TasksArgs extends ConnectionArgs {
  @Field(() => TaskFilter, { nullable: true })
  filter?: TaskFilter | null;

  @Field(() => [TaskOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: TaskOrder[] | null;
}

export const TaskConnection = ConnectionType(Task, 'Task');
