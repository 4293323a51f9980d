import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WebhookDelivery, WebhookDeliveryState } from '../delivery/delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

@InputType()
export class WebhookEndpointCreateInput {
  @Field({ description: 'An https URL on a public address (plain http and internal addresses only outside production).' })
  url!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { description: 'Event types of webhookEventTypes, `<prefix>.*` patterns (e.g. `task.*`) or `*`.' })
  eventTypes!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; description set to null is cleared.' })
export class WebhookEndpointUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  eventTypes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Enabling an endpoint the cell disabled resets its failure count.' })
  enabled?: boolean | null;
}

@InputType()
export class WebhookEndpointSecretRotateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { defaultValue: 24, description: 'Hours (0 to 168) during which the previous secret also signs every delivery.' })
  overlapHours!: number;
}

export const WebhookEndpointDeleteInput = IdInput('WebhookEndpointDeleteInput');
export const WebhookEndpointRestoreInput = IdInput('WebhookEndpointRestoreInput');
export const WebhookEndpointPingInput = IdInput('WebhookEndpointPingInput', 'The endpoint to send a `ping` event to.');
export const WebhookDeliveryRedeliverInput = IdInput('WebhookDeliveryRedeliverInput', 'The delivery to send again (as a new delivery of the same event).');

@ObjectType()
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint?: WebhookEndpoint;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'The endpoint and its signing secret, shown this once.' })
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint?: WebhookEndpoint;

  @Field(() => String, { nullable: true, description: 'The signing secret (`whsec_…`): store it now, it is never shown again.' })
  secret?: string;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true })
  delivery?: WebhookDelivery;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const WebhookEndpointDeletePayload = DeletePayload(
  'WebhookEndpointDeletePayload',
  'deletedWebhookEndpointId',
  'Id of the webhook endpoint moved to the trash.',
);

@InputType({ description: 'Conditions on webhook endpoints; fields combine with AND.' })
export class WebhookEndpointFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) url?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => [WebhookEndpointFilter], { nullable: true }) and?: WebhookEndpointFilter[] | null;
  @Field(() => [WebhookEndpointFilter], { nullable: true }) or?: WebhookEndpointFilter[] | null;
  @Field(() => WebhookEndpointFilter, { nullable: true }) not?: WebhookEndpointFilter | null;
}

export enum WebhookEndpointOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  URL = 'url',
}
registerEnumType(WebhookEndpointOrderField, { name: 'WebhookEndpointOrderField' });

@InputType()
export class WebhookEndpointOrder {
  @Field(() => WebhookEndpointOrderField)
  field!: WebhookEndpointOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class WebhookEndpointsArgs extends ConnectionArgs {
  @Field(() => WebhookEndpointFilter, { nullable: true })
  filter?: WebhookEndpointFilter | null;

  @Field(() => [WebhookEndpointOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: WebhookEndpointOrder[] | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => WebhookDeliveryState, { nullable: true, description: 'Only deliveries in this state.' })
  state?: WebhookDeliveryState | null;
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint');
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');
