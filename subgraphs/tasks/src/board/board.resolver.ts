import {
  ConnectionArgs,
  ConnectionType,
  DeletePayload,
  fromGlobalId,
  IdInput,
  mutationPayload,
  OrderDirection,
  paginate,
  requireOrgId,
  UserError,
  type Connection,
  type SortKey,
  type SubgraphContext,
} from '@cellgraph/kernel';
import { GraphQLDateTimeISO, GraphQLJSONObject } from '@cellgraph/kernel';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Automation } from '../automation/automation.entities.js';
import type { TasksServices } from '../services.js';
import { Task, TaskStatus } from '../task/task.entity.js';
import { TaskConnection, TasksArgs } from '../task/task.inputs.js';
import { automationsOf, columnsOf, columnTasks } from '../task/task.loaders.js';
import { Board, BoardColumn, BoardViewType } from './board.entities.js';
import { boardById } from './board.loaders.js';

type Context = SubgraphContext<TasksServices>;

const BoardConnection = ConnectionType(Board, 'Board');
const boardOrder: SortKey[] = [
  { name: 'createdAt', path: 'board.createdAt', sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'id', path: 'board.id', sqlType: 'uuid', direction: 'ASC' },
];

@InputType()
export class BoardColumnInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { nullable: true }) wipLimit?: number | null;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus | null;
}

@InputType()
export class BoardCreateInput {
  @Field() name!: string;
  @Field(() => BoardViewType, { nullable: true }) viewType?: BoardViewType | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) config?: Record<string, unknown> | null;
  @Field(() => [BoardColumnInput], { nullable: true, description: 'Columns, left to right.' }) columns?: BoardColumnInput[] | null;
}

@InputType()
export class BoardUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => BoardViewType, { nullable: true }) viewType?: BoardViewType | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) config?: Record<string, unknown> | null;
}

const BoardDeleteInput = IdInput('BoardDeleteInput');
const BoardRestoreInput = IdInput('BoardRestoreInput');
const BoardColumnDeleteInput = IdInput('BoardColumnDeleteInput');

@InputType()
export class BoardColumnCreateInput extends BoardColumnInput {
  @Field(() => ID) boardId!: string;
  @Field(() => ID, { nullable: true, description: 'Insert after this column (default: at the end).' }) afterColumnId?: string | null;
}

@InputType()
export class BoardColumnUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Int, { nullable: true }) wipLimit?: number | null;
  @Field(() => TaskStatus, { nullable: true }) status?: TaskStatus | null;
}

@InputType()
export class BoardColumnMoveInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Place after this column; null places it first.' }) afterColumnId?: string | null;
}

@ObjectType()
export class BoardPayload {
  @Field(() => Board, { nullable: true }) board?: Board;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class BoardColumnPayload {
  @Field(() => BoardColumn, { nullable: true }) column?: BoardColumn;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const BoardDeletePayload = DeletePayload('BoardDeletePayload', 'deletedBoardId');
const BoardColumnDeletePayload = DeletePayload('BoardColumnDeletePayload', 'deletedBoardColumnId');

@Resolver(() => Board)
export class BoardResolver {
  constructor(private readonly services: TasksServices) {}

  @Query(() => Board, { nullable: true })
  board(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Board | null> {
    requireOrgId(context.request);
    return boardById(this.services, context.loaders, context.request).load(fromGlobalId('Board', id));
  }

  @Query(() => BoardConnection, { nullable: true, description: 'Boards of your organization you can see.' })
  async boards(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Board>> {
    requireOrgId(context.request);
    const readable = await this.services.authz.readableIds(context.request, 'Board');
    return paginate({
      db: this.services.db,
      scope: context.request,
      build: (em) => {
        const query = em.createQueryBuilder(Board, 'board');
        if (readable) query.where(readable.length ? 'board.id IN (:...readable)' : 'FALSE', { readable });
        return query;
      },
      sort: boardOrder,
      args,
    });
  }

  @FieldResolver(() => [BoardColumn], { description: 'Columns, left to right (the kanban view).' })
  columns(@Root() board: Board, @Ctx() context: Context): Promise<BoardColumn[]> {
    return columnsOf(this.services, context.loaders, context.request).load(board.id);
  }

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks on the board (the list view).' })
  tasks(@Root() board: Board, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return this.services.tasks.list(context.request, args, (query) => query.andWhere('task.boardId = :boardId', { boardId: board.id }));
  }

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks with dates, by start (the calendar and gantt views; see Task.dependencies).' })
  scheduledTasks(
    @Root() board: Board,
    @Args(() => TasksArgs) args: TasksArgs,
    @Arg('from', () => GraphQLDateTimeISO, { nullable: true }) from: Date | null,
    @Arg('to', () => GraphQLDateTimeISO, { nullable: true }) to: Date | null,
    @Ctx() context: Context,
  ): Promise<Connection<Task>> {
    const ordered = Object.assign(new TasksArgs(), args, { orderBy: args.orderBy ?? [{ field: 'startDate', direction: OrderDirection.ASC }] });
    return this.services.tasks.list(context.request, ordered as TasksArgs, (query) => {
      query.andWhere('task.boardId = :boardId AND (task.startDate IS NOT NULL OR task.dueDate IS NOT NULL)', { boardId: board.id });
      if (to) query.andWhere('coalesce(task.startDate, task.dueDate) < :to', { to });
      if (from) query.andWhere('coalesce(task.dueDate, task.startDate) >= :from', { from });
    });
  }

  @FieldResolver(() => [Automation])
  automations(@Root() board: Board, @Ctx() context: Context): Promise<Automation[]> {
    return automationsOf(this.services, context.loaders, context.request).load(board.id);
  }

  @Mutation(() => BoardPayload, { nullable: true })
  boardCreate(@Arg('input', () => BoardCreateInput) input: BoardCreateInput, @Ctx() context: Context): Promise<BoardPayload> {
    return mutationPayload(async () => ({ board: await this.services.boards.create(context.request, input as never) }));
  }

  @Mutation(() => BoardPayload, { nullable: true })
  boardUpdate(@Arg('input', () => BoardUpdateInput) input: BoardUpdateInput, @Ctx() context: Context): Promise<BoardPayload> {
    return mutationPayload(async () => ({ board: await this.services.boards.update(context.request, input) }));
  }

  @Mutation(() => BoardDeletePayload, { nullable: true, description: 'Move a board to the trash.' })
  boardDelete(@Arg('input', () => BoardDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedBoardId: await this.services.boards.delete(context.request, input.id) }));
  }

  @Mutation(() => BoardPayload, { nullable: true, description: 'Bring a board back from the trash.' })
  boardRestore(@Arg('input', () => BoardRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<BoardPayload> {
    return mutationPayload(async () => ({ board: await this.services.boards.restore(context.request, input.id) }));
  }

  @Mutation(() => BoardColumnPayload, { nullable: true })
  boardColumnCreate(@Arg('input', () => BoardColumnCreateInput) input: BoardColumnCreateInput, @Ctx() context: Context): Promise<BoardColumnPayload> {
    return mutationPayload(async () => ({ column: await this.services.boards.addColumn(context.request, input) }));
  }

  @Mutation(() => BoardColumnPayload, { nullable: true })
  boardColumnUpdate(@Arg('input', () => BoardColumnUpdateInput) input: BoardColumnUpdateInput, @Ctx() context: Context): Promise<BoardColumnPayload> {
    return mutationPayload(async () => ({ column: await this.services.boards.updateColumn(context.request, input) }));
  }

  @Mutation(() => BoardColumnPayload, { nullable: true, description: 'Reorder a column.' })
  boardColumnMove(@Arg('input', () => BoardColumnMoveInput) input: BoardColumnMoveInput, @Ctx() context: Context): Promise<BoardColumnPayload> {
    return mutationPayload(async () => ({ column: await this.services.boards.moveColumn(context.request, input) }));
  }

  @Mutation(() => BoardColumnDeletePayload, { nullable: true, description: 'Delete an empty column.' })
  boardColumnDelete(@Arg('input', () => BoardColumnDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedBoardColumnId: await this.services.boards.deleteColumn(context.request, input.id) }));
  }
}

@Resolver(() => BoardColumn)
export class BoardColumnResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'The column’s tasks in board order.' })
  tasks(@Root() column: BoardColumn, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return columnTasks(this.services, context.loaders, context.request, Object.assign(new TasksArgs(), args)).load(column.id);
  }

  @FieldResolver(() => Board, { nullable: true })
  board(@Root() column: BoardColumn, @Ctx() context: Context): Promise<Board | null> {
    return boardById(this.services, context.loaders, context.request).load(column.boardId);
  }
}
