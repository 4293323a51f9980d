import { ConnectionArgs, ConnectionType, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Notification } from './notification.entity.js';

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field({ defaultValue: false, description: 'Only those you have not read.' }) unreadOnly!: boolean;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification');

@InputType()
export class NotificationMarkReadInput {
  @Field(() => [ID], { description: 'Your notifications to mark read (at most 100).' }) ids!: string[];
}

@ObjectType()
export class NotificationMarkReadPayload {
  @Field(() => [Notification], { nullable: true }) notifications?: Notification[];
  @Field(() => Int, { nullable: true, description: 'Your unread notifications left.' }) unreadCount?: number;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class NotificationMarkAllReadPayload {
  @Field(() => Int, { nullable: true, description: 'How many were unread and are read now.' }) markedCount?: number;
  @Field(() => [UserError]) userErrors!: UserError[];
}
