import type { Connection, SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { NotificationsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Delivery } from './delivery.entity.js';
import { EmailLogArgs, NotificationDeliveryConnection } from './delivery.inputs.js';

type Context = SubgraphContext<NotificationsServices>;

@Resolver(() => Delivery)
export class DeliveryResolver {
  constructor(private readonly services: NotificationsServices) {}

  @Query(() => NotificationDeliveryConnection, {
    nullable: true,
    description: 'Your organization’s notification e-mail (and push) log, latest first (owners and admins).',
  })
  emailLog(@Args(() => EmailLogArgs) args: EmailLogArgs, @Ctx() context: Context): Promise<Connection<Delivery>> {
    return this.services.deliveries.log(context.request, args);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'To whom.' })
  recipient(@Root() delivery: Delivery): UserRef {
    return UserRef.of(delivery.recipientId);
  }
}
