import { ConnectionArgs, ConnectionType, DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { TrashItem } from './trash-item.entity.js';

@ArgsType()
export class TrashArgs extends ConnectionArgs {
  @Field(() => [String], { nullable: true, description: 'Only objects of these types, e.g. ["Task"].' }) types?: string[] | null;
}

@ObjectType()
export class TrashRestorePayload {
  @Field(() => TrashItem, { nullable: true, description: 'What was restored (now out of the trash).' }) item?: TrashItem;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const TrashRestoreInput = IdInput('TrashRestoreInput', 'The object’s id.');
export const TrashDeleteInput = IdInput('TrashDeleteInput', 'The object’s id.');
export const TrashDeletePayload = DeletePayload('TrashDeletePayload', 'deletedId', 'Id of the object deleted for good.');
export const TrashItemConnection = ConnectionType(TrashItem, 'TrashItem');
