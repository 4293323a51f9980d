import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';
import {
  TaskAutomationCreateInput,
  TaskAutomationDeleteInput,
  TaskAutomationDeletePayload,
  TaskAutomationPayload,
  TaskAutomationSetActiveInput,
} from './automation.inputs.js';

type Context = SubgraphContext<TasksServices>;

@Resolver()
export class AutomationResolver {
  constructor(private readonly services: TasksServices) {}

  @Mutation(() => TaskAutomationPayload, { nullable: true, description: 'Add a rule to a board.' })
  taskAutomationCreate(
    @Arg('input', () => TaskAutomationCreateInput) input: TaskAutomationCreateInput,
    @Ctx() context: Context,
  ): Promise<TaskAutomationPayload> {
    return mutationPayload(async () => ({ automation: await this.services.automations.create(context.request, input as never) }));
  }

  @Mutation(() => TaskAutomationPayload, { nullable: true })
  taskAutomationSetActive(
    @Arg('input', () => TaskAutomationSetActiveInput) input: TaskAutomationSetActiveInput,
    @Ctx() context: Context,
  ): Promise<TaskAutomationPayload> {
    return mutationPayload(async () => ({ automation: await this.services.automations.setActive(context.request, input.id, input.active) }));
  }

  @Mutation(() => TaskAutomationDeletePayload, { nullable: true })
  taskAutomationDelete(@Arg('input', () => TaskAutomationDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTaskAutomationId: await this.services.automations.delete(context.request, input.id) }));
  }
}
