import {
  eventInboxSql,
  idempotencySql,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxTableSql,
  outboxRequestOriginSql,
  outboxTraceContextSql,
  tenantIsolationSql,
  trashSweepAccessSql,
  type Migration,
} from '@cellgraph/kernel';

/*
 * The webhooks schema: an organization's endpoints (URL, event patterns, sealed secrets), the
 * deliveries of events to them and each delivery's attempts, all under tenant isolation — and what
 * every module has: the outbox of its events, the inbox of the events it handles (every event of
 * the cell), idempotency keys of create mutations and the trash sweep's view of deleted endpoints.
 *
 * A delivery is unique per (endpoint, event) unless it is a redelivery: events arrive at least once.
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE webhooks.webhook_endpoints (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  url text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2048),
  description text CHECK (char_length(description) <= 10000),
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 300),
  enabled boolean NOT NULL DEFAULT true,
  secret_sealed text NOT NULL,
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  disabled_at timestamptz,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CONSTRAINT webhook_endpoints_org_id_id_key UNIQUE (org_id, id)
);
CREATE INDEX webhook_endpoints_org_created_idx ON webhooks.webhook_endpoints (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE webhooks.webhook_deliveries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  endpoint_id uuid NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  -- What a delivery waits behind: the earlier pending deliveries of the same object to the same endpoint.
  subject_key text,
  request_body text NOT NULL,
  request_headers jsonb,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
  attempt_count integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  -- The earlier pending delivery of the same object it last found itself waiting for (cleared when it is attempted).
  waiting_for uuid,
  claimed_by text,
  claimed_until timestamptz,
  response_status integer,
  response_body_excerpt text,
  duration_ms integer,
  error text,
  redelivery_of uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CONSTRAINT webhook_deliveries_org_id_id_key UNIQUE (org_id, id),
  FOREIGN KEY (org_id, endpoint_id) REFERENCES webhooks.webhook_endpoints (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX webhook_deliveries_endpoint_event_key ON webhooks.webhook_deliveries (endpoint_id, event_id) WHERE redelivery_of IS NULL;
CREATE INDEX webhook_deliveries_endpoint_created_idx ON webhooks.webhook_deliveries (org_id, endpoint_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_pending_subject_idx ON webhooks.webhook_deliveries (endpoint_id, subject_key, id) WHERE state = 'pending';

CREATE TABLE webhooks.webhook_delivery_attempts (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  delivery_id uuid NOT NULL,
  number integer NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  response_status integer,
  response_body_excerpt text,
  error text,
  succeeded boolean NOT NULL,
  UNIQUE (delivery_id, number),
  FOREIGN KEY (org_id, delivery_id) REFERENCES webhooks.webhook_deliveries (org_id, id) ON DELETE CASCADE
);
` +
    tenantIsolationSql('webhooks', 'webhook_endpoints') +
    tenantIsolationSql('webhooks', 'webhook_deliveries') +
    tenantIsolationSql('webhooks', 'webhook_delivery_attempts') +
    outboxTableSql('webhooks') +
    outboxActorApiKeySql('webhooks') +
    outboxTraceContextSql('webhooks') +
    outboxRequestOriginSql('webhooks') +
    outboxMaintenanceSql('webhooks') +
    eventInboxSql('webhooks') +
    idempotencySql('webhooks') +
    trashSweepAccessSql('webhooks', 'webhook_endpoints'),
};
