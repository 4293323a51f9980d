import { z } from 'zod';

/*
 * The webhooks module's public contracts (`@cellgraph/webhooks/contracts`): the events it emits
 * (type → schema of `data`) — the only part of webhooks other modules may import. Values are as
 * consumers receive them (JSON: dates are ISO strings). Never a secret.
 */

const empty = z.object({});

/** A webhook endpoint's tracked fields (all on `webhook_endpoint.created`, the changed ones on `webhook_endpoint.updated`). */
const webhookEndpointFields = z.object({
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
});

export const webhooksEvents = {
  'webhook_endpoint.created': z.object({ after: webhookEndpointFields }).describe('A webhook endpoint was subscribed.'),
  'webhook_endpoint.updated': z
    .object({ fields: z.array(z.string()), before: webhookEndpointFields.partial(), after: webhookEndpointFields.partial() })
    .describe('A webhook endpoint’s URL, description, event types or state changed.'),
  /** Moved to the trash; `title` is what the cell's trash shows. */
  'webhook_endpoint.deleted': z.object({ title: z.string() }).describe('A webhook endpoint was moved to the trash.'),
  'webhook_endpoint.restored': empty.describe('A webhook endpoint came back from the trash.'),
  /** Deleted for good (the kernel's trash emits it). */
  'webhook_endpoint.purged': empty.describe('A webhook endpoint was deleted for good.'),
  /** A new signing secret; the previous one stays valid until `previousSecretExpiresAt`. */
  'webhook_endpoint.secret_rotated': z
    .object({ overlapHours: z.number(), previousSecretExpiresAt: z.string().nullable() })
    .describe('A webhook endpoint’s signing secret was rotated.'),
  /**
   * Disabled by the cell after `consecutiveFailures` deliveries in a row failed for good;
   * `recipients`: the organization's owners and admins (user uuids), whom notifications tells.
   */
  'webhook_endpoint.disabled': z
    .object({ url: z.string(), consecutiveFailures: z.number().int(), recipients: z.array(z.string()) })
    .describe('A webhook endpoint was disabled after too many failed deliveries.'),
} as const;

export type WebhooksEvents = typeof webhooksEvents;
