import { DeletePayload, GraphQLJSON, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Automation } from './automation.entities.js';

@InputType()
export class TaskAutomationCreateInput {
  @Field(() => ID) boardId!: string;
  @Field() name!: string;
  @Field({
    description: 'task.created, task.updated, task.assigned, task.status_changed, task.completed, task.moved, task.unblocked or task.checklist_completed.',
  })
  trigger!: string;
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: '[{ field: status|priority|assigneeId|columnId|title, operator: eq|neq|in|contains|isNull, value }]',
  })
  conditions?: unknown;
  @Field(() => GraphQLJSON, {
    description: '[{ type: "notify", recipients, message } | { type: "set_field", field, value } | { type: "reassign", assigneeId }]',
  })
  actions!: unknown;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) active?: boolean;
}

@InputType()
export class TaskAutomationSetActiveInput {
  @Field(() => ID) id!: string;
  @Field() active!: boolean;
}

export const TaskAutomationDeleteInput = IdInput('TaskAutomationDeleteInput');

@ObjectType()
export class TaskAutomationPayload {
  @Field(() => Automation, { nullable: true }) automation?: Automation;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const TaskAutomationDeletePayload = DeletePayload('TaskAutomationDeletePayload', 'deletedTaskAutomationId');
