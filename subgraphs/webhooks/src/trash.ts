import type { TrashSpec } from '@cellgraph/kernel';

/** Webhook endpoints in the trash (nothing is delivered to them): deleted for good after 30 days, or by `webhookEndpointPurge`. */
export const webhookEndpointTrash: TrashSpec = {
  type: 'WebhookEndpoint',
  table: 'webhook_endpoints',
  event: 'webhook_endpoint',
};
