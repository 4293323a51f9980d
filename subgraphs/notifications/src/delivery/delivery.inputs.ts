import { ConnectionArgs, ConnectionType } from '@cellgraph/kernel';
import { ArgsType, Field } from 'type-graphql';
import { Delivery, NotificationChannel } from './delivery.entity.js';

@ArgsType()
export class EmailLogArgs extends ConnectionArgs {
  @Field(() => NotificationChannel, { nullable: true, description: 'Only this channel (default: e-mail and push).' }) channel?: NotificationChannel | null;
}

export const NotificationDeliveryConnection = ConnectionType(Delivery, 'NotificationDelivery');
