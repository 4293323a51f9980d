import { UserError } from '@cellgraph/kernel';
import { Field, InputType, ObjectType } from 'type-graphql';
import { EmailTemplate } from './template.entity.js';

@InputType({
  description:
    'Handlebars sources; variables are listed in the notifications README (title, body, event, subjectId, … ; for the digest: frequency, count, notifications).',
})
export class NotificationTemplateSetInput {
  @Field({ description: 'An event type (task.assigned), a prefix (task.*), * or digest.' }) event!: string;
  @Field() subject!: string;
  @Field() html!: string;
  @Field() text!: string;
}

@InputType()
export class NotificationTemplateDeleteInput {
  @Field() event!: string;
}

@ObjectType()
export class NotificationTemplatePayload {
  @Field(() => EmailTemplate, { nullable: true }) template?: EmailTemplate;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class NotificationTemplateDeletePayload {
  @Field(() => String, { nullable: true, description: 'The event type, prefix, * or digest whose template was removed (the system’s applies again).' })
  deletedEvent?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}
