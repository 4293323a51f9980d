import { DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DependencyType, TaskDependency } from './dependency.entity.js';

@InputType()
export class TaskDependencyAddInput {
  @Field(() => ID, { description: 'The task that depends…' }) taskId!: string;
  @Field(() => ID, { description: '…on this one.' }) dependsOnId!: string;
  @Field(() => DependencyType, { nullable: true, defaultValue: DependencyType.FINISH_TO_START }) type?: DependencyType | null;
}

export const TaskDependencyRemoveInput = IdInput('TaskDependencyRemoveInput');

@ObjectType()
export class TaskDependencyPayload {
  @Field(() => TaskDependency, { nullable: true }) dependency?: TaskDependency;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const TaskDependencyRemovePayload = DeletePayload('TaskDependencyRemovePayload', 'removedTaskDependencyId', 'Id of the removed dependency.');
