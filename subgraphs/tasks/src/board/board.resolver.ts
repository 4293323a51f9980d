import { ConnectionArgs, fromGlobalId, GraphQLDateTimeISO, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Automation } from '../automation/automation.entities.js';
import { automationsOf } from '../automation/automation.loaders.js';
import type { TasksServices } from '../services.js';
import { Task } from '../task/task.entity.js';
import { TaskConnection, TasksArgs } from '../task/task.inputs.js';
import { boardTasks, columnTasks, scheduledTasks } from '../task/task.loaders.js';
import { Board, BoardColumn } from './board.entities.js';
import {
  BoardColumnCreateInput,
  BoardColumnDeleteInput,
  BoardColumnDeletePayload,
  BoardColumnMoveInput,
  BoardColumnPayload,
  BoardColumnUpdateInput,
  BoardConnection,
  BoardCreateInput,
  BoardDeleteInput,
  BoardDeletePayload,
  BoardPayload,
  BoardRestoreInput,
  BoardUpdateInput,
} from './board.inputs.js';
import { columnsOf, loadBoard } from './board.loaders.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => Board)
export class BoardResolver {
  constructor(private readonly services: TasksServices) {}

  @Query(() => Board, { nullable: true })
  board(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Board | null> {
    requireOrgId(context.request);
    return loadBoard(context, fromGlobalId('Board', id));
  }

  @Query(() => BoardConnection, { nullable: true, description: 'Boards of your organization you can see.' })
  boards(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<Board>> {
    return this.services.boards.list(context.request, args);
  }

  @FieldResolver(() => [BoardColumn], { description: 'Columns, left to right (the kanban view).' })
  columns(@Root() board: Board, @Ctx() context: Context): Promise<BoardColumn[]> {
    return columnsOf(this.services, context.loaders, context.request).load(board.id);
  }

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks on the board (the list view).' })
  tasks(@Root() board: Board, @Args(() => TasksArgs) args: TasksArgs, @Ctx() context: Context): Promise<Connection<Task>> {
    return boardTasks(this.services, context.loaders, context.request, args).load(board.id);
  }

  @FieldResolver(() => TaskConnection, { nullable: true, description: 'Tasks with dates, by start (the calendar and gantt views; see Task.dependencies).' })
  scheduledTasks(
    @Root() board: Board,
    @Args(() => TasksArgs) args: TasksArgs,
    @Arg('from', () => GraphQLDateTimeISO, { nullable: true }) from: Date | null,
    @Arg('to', () => GraphQLDateTimeISO, { nullable: true }) to: Date | null,
    @Ctx() context: Context,
  ): Promise<Connection<Task>> {
    return scheduledTasks(this.services, context.loaders, context.request, args, from, to).load(board.id);
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
    return loadBoard(context, column.boardId);
  }
}
