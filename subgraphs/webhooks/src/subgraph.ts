import { defineSubgraph, KEY_FORBIDDEN, referenceAsIs, SecretBox, typedJob } from '@cellgraph/kernel';
import { z } from 'zod';
import { EventCatalog } from './catalog/event-catalog.js';
import { WebhookEventType, WebhookEventTypeResolver } from './catalog/event-catalog.resolver.js';
import { parseWebhooksConfig } from './config.js';
import { webhooksEvents } from './contracts.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from './delivery/delivery.entity.js';
import { WebhookDeliveryResolver } from './delivery/delivery.resolver.js';
import { DELIVER_JOB, DeliveryService } from './delivery/delivery.service.js';
import { migrations } from './migrations/index.js';
import type { WebhooksServices } from './services.js';
import { webhookEndpointTrash } from './trash.js';
import { WebhookEndpoint } from './webhook-endpoint/webhook-endpoint.entity.js';
import { resolveWebhookEndpointReference } from './webhook-endpoint/webhook-endpoint.reference.js';
import { WebhookEndpointResolver } from './webhook-endpoint/webhook-endpoint.resolver.js';
import { WebhookEndpointService } from './webhook-endpoint/webhook-endpoint.service.js';

const deliverJob = z.object({ orgId: z.string().uuid(), deliveryId: z.string().uuid() });

export const webhooksSubgraph = defineSubgraph<WebhooksServices>({
  name: 'webhooks',
  description: 'Outbound webhooks: organizations subscribe HTTPS URLs to the cell’s events, delivered signed, retried and logged.',
  scope: 'webhooks',
  scopeDescription: 'webhook endpoints and their deliveries',
  // Endpoints carry signing secrets and the organization's events out of the cell: owners and admins, never an API key.
  keyAccess: {
    webhookEndpointCreate: KEY_FORBIDDEN,
    webhookEndpointUpdate: KEY_FORBIDDEN,
    webhookEndpointSecretRotate: KEY_FORBIDDEN,
    webhookEndpointPing: KEY_FORBIDDEN,
    webhookEndpointDelete: KEY_FORBIDDEN,
    webhookEndpointRestore: KEY_FORBIDDEN,
    webhookDeliveryRedeliver: KEY_FORBIDDEN,
  },
  trash: [webhookEndpointTrash],
  dependsOn: ['identity'],
  secrets: ['WEBHOOK_ENCRYPTION_KEY'],
  migrations,
  entities: [WebhookEndpoint, WebhookDelivery, WebhookDeliveryAttempt],
  resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver, WebhookEventTypeResolver],
  orphanedTypes: [WebhookEventType],
  references: {
    WebhookEndpoint: resolveWebhookEndpointReference,
    User: referenceAsIs,
  },
  emits: webhooksEvents,
  audited: ['webhook_endpoint.*'],
  // Every event of the cell: each organization's endpoints choose theirs.
  consumes: ['*'],
  eventHandlers: ({ deliveries }) => ({ '*': (event) => deliveries.handleEvent(event) }),
  jobs: ({ deliveries }) => ({
    [DELIVER_JOB]: (data, job) => typedJob(DELIVER_JOB, deliverJob, ({ orgId, deliveryId }) => deliveries.attempt(orgId, deliveryId, job.id ?? ''))(data),
  }),
  createServices({ db, authz, jobs, env, logger }) {
    const config = parseWebhooksConfig(env);
    const catalog = EventCatalog.load(config.catalogPath);
    const box = new SecretBox(config.encryptionKey);
    return {
      db,
      authz,
      catalog,
      webhookEndpoints: new WebhookEndpointService(db, authz, box, catalog, { allowPrivate: config.allowPrivateUrls }),
      deliveries: new DeliveryService(db, authz, jobs, box, config, logger),
    };
  },
});
