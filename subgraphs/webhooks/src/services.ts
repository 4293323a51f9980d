import type { Authorizer, Database } from '@cellgraph/kernel';
import type { EventCatalog } from './catalog/event-catalog.js';
import type { DeliveryService } from './delivery/delivery.service.js';
import type { WebhookEndpointService } from './webhook-endpoint/webhook-endpoint.service.js';

/** What every resolver of the webhooks subgraph receives. */
export interface WebhooksServices {
  db: Database;
  authz: Authorizer;
  catalog: EventCatalog;
  webhookEndpoints: WebhookEndpointService;
  deliveries: DeliveryService;
}
