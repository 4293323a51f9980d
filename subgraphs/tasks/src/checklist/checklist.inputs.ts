import { DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Checklist, ChecklistItem } from './checklist.entities.js';

@InputType()
export class ChecklistCreateInput {
  @Field(() => ID) taskId!: string;
  @Field() title!: string;
  @Field(() => [String], { nullable: true, description: 'Items, in order.' }) items?: string[] | null;
}

@InputType()
export class ChecklistItemAddInput {
  @Field(() => ID) checklistId!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true, description: 'Insert after this item (default: at the end).' }) afterItemId?: string | null;
}

@InputType()
export class ChecklistItemToggleInput {
  @Field(() => ID) id!: string;
  @Field() done!: boolean;
}

@InputType()
export class ChecklistItemMoveInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Place after this item; null places it first.' }) afterItemId?: string | null;
}

@InputType()
export class ChecklistItemUpdateInput {
  @Field(() => ID) id!: string;
  @Field() title!: string;
}

export const ChecklistDeleteInput = IdInput('ChecklistDeleteInput');
export const ChecklistItemDeleteInput = IdInput('ChecklistItemDeleteInput');

@ObjectType()
export class ChecklistPayload {
  @Field(() => Checklist, { nullable: true }) checklist?: Checklist;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ChecklistItemPayload {
  @Field(() => ChecklistItem, { nullable: true }) item?: ChecklistItem;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const ChecklistDeletePayload = DeletePayload('ChecklistDeletePayload', 'deletedChecklistId');
export const ChecklistItemDeletePayload = DeletePayload('ChecklistItemDeletePayload', 'deletedChecklistItemId');
