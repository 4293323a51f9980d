import { DeletePayload, GraphQLJSON, IdInput, mutationPayload, type SubgraphContext, UserError } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { TasksServices } from '../services.js';
import { Automation } from './automation.entities.js';

type Context = SubgraphContext<TasksServices>;

@InputType()
export class TaskAutomationCreateInput {
  @Field(() => ID) boardId!: string;
  @Field() name!: string;
  @Field({ description: 'task.created, task.updated, task.assigned, task.status_changed, task.completed, task.moved, task.unblocked or task.checklist_completed.' }) trigger!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: '[{ field: status|priority|assigneeId|columnId|title, operator: eq|neq|in|contains|isNull, value }]' }) conditions?: unknown;
  @Field(() => GraphQLJSON, { description: '[{ type: "notify", recipients, message } | { type: "set_field", field, value } | { type: "reassign", assigneeId }]' }) actions!: unknown;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) active?: boolean;
}

@InputType()
export class TaskAutomationSetActiveInput {
  @Field(() => ID) id!: string;
  @Field() active!: boolean;
}

const TaskAutomationDeleteInput = IdInput('TaskAutomationDeleteInput');

@ObjectType()
export class TaskAutomationPayload {
  @Field(() => Automation, { nullable: true }) automation?: Automation;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const TaskAutomationDeletePayload = DeletePayload('TaskAutomationDeletePayload', 'deletedTaskAutomationId');

@Resolver()
export class AutomationResolver {
  constructor(private readonly services: TasksServices) {}

  @Mutation(() => TaskAutomationPayload, { nullable: true, description: 'Add a rule to a board.' })
  taskAutomationCreate(@Arg('input', () => TaskAutomationCreateInput) input: TaskAutomationCreateInput, @Ctx() context: Context): Promise<TaskAutomationPayload> {
    return mutationPayload(async () => ({ automation: await this.services.automations.create(context.request, input as never) }));
  }

  @Mutation(() => TaskAutomationPayload, { nullable: true })
  taskAutomationSetActive(@Arg('input', () => TaskAutomationSetActiveInput) input: TaskAutomationSetActiveInput, @Ctx() context: Context): Promise<TaskAutomationPayload> {
    return mutationPayload(async () => ({ automation: await this.services.automations.setActive(context.request, input.id, input.active) }));
  }

  @Mutation(() => TaskAutomationDeletePayload, { nullable: true })
  taskAutomationDelete(@Arg('input', () => TaskAutomationDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTaskAutomationId: await this.services.automations.delete(context.request, input.id) }));
  }
}
