import { referenceThroughLoader } from '@cellgraph/kernel';
import type { WebhooksServices } from '../services.js';
import { webhookEndpointById } from './webhook-endpoint.loaders.js';

export const resolveWebhookEndpointReference = referenceThroughLoader<WebhooksServices, unknown>('WebhookEndpoint', (context) =>
  webhookEndpointById(context.services, context.loaders, context.request),
);
