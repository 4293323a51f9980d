import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WebhookDelivery } from '../delivery/delivery.entity.js';
import type { WebhooksServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import {
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
  WebhookDeliveryPayload,
  WebhookEndpointConnection,
  WebhookEndpointCreateInput,
  WebhookEndpointDeleteInput,
  WebhookEndpointDeletePayload,
  WebhookEndpointPayload,
  WebhookEndpointPingInput,
  WebhookEndpointRestoreInput,
  WebhookEndpointSecretPayload,
  WebhookEndpointSecretRotateInput,
  WebhookEndpointsArgs,
  WebhookEndpointUpdateInput,
} from './webhook-endpoint.inputs.js';
import { loadWebhookEndpoint } from './webhook-endpoint.loaders.js';

type Context = SubgraphContext<WebhooksServices>;

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  constructor(private readonly services: WebhooksServices) {}

  @Query(() => WebhookEndpoint, { nullable: true, description: 'A webhook endpoint of your organization, or null (owners and admins).' })
  webhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<WebhookEndpoint | null> {
    requireOrgId(context.request);
    return loadWebhookEndpoint(context, fromGlobalId('WebhookEndpoint', id));
  }

  @Query(() => WebhookEndpointConnection, { nullable: true, description: 'Webhook endpoints of your organization (owners and admins).' })
  webhookEndpoints(@Args(() => WebhookEndpointsArgs) args: WebhookEndpointsArgs, @Ctx() context: Context): Promise<Connection<WebhookEndpoint>> {
    return this.services.webhookEndpoints.list(context.request, args);
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    nullable: true,
    description: 'Subscribe a URL to event types; the payload shows its signing secret this once.',
  })
  webhookEndpointCreate(
    @Arg('input', () => WebhookEndpointCreateInput) input: WebhookEndpointCreateInput,
    @Ctx() context: Context,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutationPayload(() => this.services.webhookEndpoints.create(context.request, input));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true })
  webhookEndpointUpdate(
    @Arg('input', () => WebhookEndpointUpdateInput) input: WebhookEndpointUpdateInput,
    @Ctx() context: Context,
  ): Promise<WebhookEndpointPayload> {
    return mutationPayload(async () => ({ webhookEndpoint: await this.services.webhookEndpoints.update(context.request, input) }));
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    nullable: true,
    description: 'A new signing secret, shown this once; the previous one also signs every delivery for `overlapHours`.',
  })
  webhookEndpointSecretRotate(
    @Arg('input', () => WebhookEndpointSecretRotateInput) input: WebhookEndpointSecretRotateInput,
    @Ctx() context: Context,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutationPayload(() => this.services.webhookEndpoints.rotateSecret(context.request, input));
  }

  @Mutation(() => WebhookDeliveryPayload, { nullable: true, description: 'Send a `ping` event to an endpoint (to test it).' })
  webhookEndpointPing(@Arg('input', () => WebhookEndpointPingInput) input: { id: string }, @Ctx() context: Context): Promise<WebhookDeliveryPayload> {
    return mutationPayload(async () => ({
      delivery: await this.services.deliveries.ping(context.request, this.services.webhookEndpoints.idOf(input)),
    }));
  }

  @Mutation(() => WebhookEndpointDeletePayload, { nullable: true, description: 'Move a webhook endpoint to the trash (it can be restored).' })
  webhookEndpointDelete(@Arg('input', () => WebhookEndpointDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedWebhookEndpointId: await this.services.webhookEndpoints.delete(context.request, input) }));
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Bring a webhook endpoint back from the trash.' })
  webhookEndpointRestore(@Arg('input', () => WebhookEndpointRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<WebhookEndpointPayload> {
    return mutationPayload(async () => ({ webhookEndpoint: await this.services.webhookEndpoints.restore(context.request, input) }));
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first: the delivery log.' })
  deliveries(
    @Root() webhookEndpoint: WebhookEndpoint,
    @Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs,
    @Ctx() context: Context,
  ): Promise<Connection<WebhookDelivery>> {
    return this.services.deliveries.list(context.request, webhookEndpoint, args);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() webhookEndpoint: WebhookEndpoint): UserRef {
    return UserRef.of(webhookEndpoint.createdBy);
  }
}
