import { gatewayDriven, liveEventOf, mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { NotificationsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Notification } from './notification.entity.js';
import {
  NotificationConnection,
  NotificationMarkAllReadPayload,
  NotificationMarkReadInput,
  NotificationMarkReadPayload,
  NotificationsArgs,
} from './notification.inputs.js';

type Context = SubgraphContext<NotificationsServices>;

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly services: NotificationsServices) {}

  @Query(() => NotificationConnection, { nullable: true, description: 'Your notifications in your organization, latest first.' })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() context: Context): Promise<Connection<Notification>> {
    return this.services.notifications.list(context.request, args);
  }

  @Query(() => Int, { nullable: true, description: 'How many of your notifications are unread (the badge).' })
  notificationUnreadCount(@Ctx() context: Context): Promise<number> {
    return this.services.notifications.unreadCount(context.request);
  }

  @Mutation(() => NotificationMarkReadPayload, { nullable: true, description: 'Mark some of your notifications read.' })
  notificationMarkRead(
    @Arg('input', () => NotificationMarkReadInput) input: NotificationMarkReadInput,
    @Ctx() context: Context,
  ): Promise<NotificationMarkReadPayload> {
    return mutationPayload(async () => ({
      notifications: await this.services.notifications.markRead(context.request, input.ids),
      unreadCount: await this.services.notifications.unreadCount(context.request),
    }));
  }

  @Mutation(() => NotificationMarkAllReadPayload, { nullable: true, description: 'Mark all your notifications read.' })
  notificationMarkAllRead(@Ctx() context: Context): Promise<NotificationMarkAllReadPayload> {
    return mutationPayload(async () => ({ markedCount: await this.services.notifications.markAllRead(context.request) }));
  }

  @Subscription(() => Notification, { ...gatewayDriven, description: 'Your notifications as they arrive.' })
  notificationReceived(@Ctx() context: Context): Promise<Notification | null> {
    return this.services.notifications.received(context.request, liveEventOf(context));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who caused it (null for the system).' })
  actor(@Root() notification: Notification): UserRef | null {
    return notification.actorId ? UserRef.of(notification.actorId) : null;
  }
}
