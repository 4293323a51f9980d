import { ConnectionType, DeletePayload, GraphQLJSONObject, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TaskStatus } from '../task/task.entity.js';
import { Board, BoardColumn, BoardViewType } from './board.entities.js';

export const BoardConnection = ConnectionType(Board, 'Board');

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

export const BoardDeleteInput = IdInput('BoardDeleteInput');
export const BoardRestoreInput = IdInput('BoardRestoreInput');
export const BoardColumnDeleteInput = IdInput('BoardColumnDeleteInput');

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

export const BoardDeletePayload = DeletePayload('BoardDeletePayload', 'deletedBoardId');
export const BoardColumnDeletePayload = DeletePayload('BoardColumnDeletePayload', 'deletedBoardColumnId');
