import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { WebhooksServices } from '../services.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

/*
 * Per-request DataLoaders of webhook endpoints: N parents cost one query.
 */

/** Webhook endpoints by id for the caller: null when absent (or in the trash), a FORBIDDEN error when unreadable. */
export const webhookEndpointById = ({ webhookEndpoints }: WebhooksServices, loaders: LoaderRegistry, request: RequestContext) =>
  webhookEndpoints.access.loader(loaders, request);

/** One webhook endpoint for a field or query; an unreadable one raises its FORBIDDEN error at that field. */
export const loadWebhookEndpoint = (context: SubgraphContext<WebhooksServices>, id: string | null): Promise<WebhookEndpoint | null> =>
  context.services.webhookEndpoints.access.loadReadable(context.loaders, context.request, id);
