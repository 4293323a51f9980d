import { UserErrorsPayload } from '@cellgraph/kernel';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class TaskWatcherInput {
  @Field(() => ID) taskId!: string;
  @Field(() => ID, { nullable: true, description: 'Default: yourself.' }) userId?: string | null;
}

export const TaskWatcherPayload = UserErrorsPayload('TaskWatcherPayload');
