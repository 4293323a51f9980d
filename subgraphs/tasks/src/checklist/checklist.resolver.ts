import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Task } from '../task/task.entity.js';
import { Checklist, ChecklistItem } from './checklist.entities.js';
import {
  ChecklistCreateInput,
  ChecklistDeleteInput,
  ChecklistDeletePayload,
  ChecklistItemAddInput,
  ChecklistItemDeleteInput,
  ChecklistItemDeletePayload,
  ChecklistItemMoveInput,
  ChecklistItemPayload,
  ChecklistItemToggleInput,
  ChecklistItemUpdateInput,
  ChecklistPayload,
} from './checklist.inputs.js';
import { checklistItemsOf, checklistsOf } from './checklist.loaders.js';

type Context = SubgraphContext<TasksServices>;

@Resolver(() => Checklist)
export class ChecklistResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => [ChecklistItem], { description: 'Items in order.' })
  items(@Root() checklist: Checklist, @Ctx() context: Context): Promise<ChecklistItem[]> {
    return checklistItemsOf(this.services, context.loaders, context.request).load(checklist.id);
  }

  @FieldResolver(() => Int)
  async doneCount(@Root() checklist: Checklist, @Ctx() context: Context): Promise<number> {
    return (await checklistItemsOf(this.services, context.loaders, context.request).load(checklist.id)).filter((i) => i.done).length;
  }

  @FieldResolver(() => Boolean, { description: 'Every item is done (and there is at least one).' })
  async completed(@Root() checklist: Checklist, @Ctx() context: Context): Promise<boolean> {
    const items = await checklistItemsOf(this.services, context.loaders, context.request).load(checklist.id);
    return items.length > 0 && items.every((i) => i.done);
  }

  @Mutation(() => ChecklistPayload, { nullable: true })
  checklistCreate(@Arg('input', () => ChecklistCreateInput) input: ChecklistCreateInput, @Ctx() context: Context): Promise<ChecklistPayload> {
    return mutationPayload(async () => ({ checklist: await this.services.checklists.create(context.request, input) }));
  }

  @Mutation(() => ChecklistDeletePayload, { nullable: true })
  checklistDelete(@Arg('input', () => ChecklistDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedChecklistId: await this.services.checklists.delete(context.request, input.id) }));
  }

  @Mutation(() => ChecklistItemPayload, { nullable: true })
  checklistItemAdd(@Arg('input', () => ChecklistItemAddInput) input: ChecklistItemAddInput, @Ctx() context: Context): Promise<ChecklistItemPayload> {
    return mutationPayload(async () => ({ item: await this.services.checklists.addItem(context.request, input) }));
  }

  @Mutation(() => ChecklistItemPayload, { nullable: true, description: 'Tick or untick an item; ticking the last one completes the checklist.' })
  checklistItemToggle(@Arg('input', () => ChecklistItemToggleInput) input: ChecklistItemToggleInput, @Ctx() context: Context): Promise<ChecklistItemPayload> {
    return mutationPayload(async () => ({ item: await this.services.checklists.toggle(context.request, input) }));
  }

  @Mutation(() => ChecklistItemPayload, { nullable: true })
  checklistItemMove(@Arg('input', () => ChecklistItemMoveInput) input: ChecklistItemMoveInput, @Ctx() context: Context): Promise<ChecklistItemPayload> {
    return mutationPayload(async () => ({ item: await this.services.checklists.moveItem(context.request, input) }));
  }

  @Mutation(() => ChecklistItemPayload, { nullable: true })
  checklistItemUpdate(@Arg('input', () => ChecklistItemUpdateInput) input: ChecklistItemUpdateInput, @Ctx() context: Context): Promise<ChecklistItemPayload> {
    return mutationPayload(async () => ({ item: await this.services.checklists.updateItem(context.request, input) }));
  }

  @Mutation(() => ChecklistItemDeletePayload, { nullable: true })
  checklistItemDelete(@Arg('input', () => ChecklistItemDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedChecklistItemId: await this.services.checklists.deleteItem(context.request, input.id) }));
  }
}

@Resolver(() => Task)
export class TaskChecklistsResolver {
  constructor(private readonly services: TasksServices) {}

  @FieldResolver(() => [Checklist])
  checklists(@Root() task: Task, @Ctx() context: Context): Promise<Checklist[]> {
    return checklistsOf(this.services, context.loaders, context.request).load(task.id);
  }
}
