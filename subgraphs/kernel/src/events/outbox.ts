import type { EntityManager } from 'typeorm';
import { currentRequestContext, principalActor, type Actor } from '../context/request-context.js';
import { dropPolicySql, maintenanceAccessSql } from '../db/maintenance-sql.js';
import { sqlIdentifier } from '../db/roles.js';
import { CURRENT_ORG_SQL } from '../db/tenant-sql.js';
import { uuidv7 } from '../ids/uuid.js';
import { traceHeaders } from '../observability/tracing.js';

/**
 * A domain event: something that happened, in past tense (`task.assigned`, `user.signed_in`),
 * with who did it and, for changes, the changed fields before and after. Never carries secrets.
 */
export interface DomainEvent {
  type: string;
  /** Null for events outside any organization (a failed sign-in for an unknown e-mail). */
  orgId: string | null;
  /** Defaults to the request's user (for an API key, the user who created it). */
  actorId?: string | null;
  subject?: { type: string; id: string } | null;
  data?: Record<string, unknown>;
}

/**
 * The transactional outbox of a subgraph: events are rows written in the same transaction as the
 * change they describe, so an event exists exactly when its change does. A relay publishes them.
 * (The table alone, as identity's 0002 migration created it; new outboxes use `outboxSql`.)
 */
export function outboxTableSql(schema: string): string {
  const table = `${sqlIdentifier(schema)}.outbox`;
  return `
CREATE TABLE ${table} (
  id uuid PRIMARY KEY,
  org_id uuid,
  type text NOT NULL,
  actor_id uuid,
  subject_type text,
  subject_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  request_id text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON ${table} (occurred_at) WHERE published_at IS NULL;
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_insert ON ${table} FOR INSERT WITH CHECK (org_id IS NULL OR org_id = ${CURRENT_ORG_SQL});
`;
}

/**
 * A subgraph's outbox (table and the relay policy as it was then), as the first migrations of the
 * subgraphs applied it — their checksums keep it byte for byte. That relay policy honoured a
 * session setting; `outboxMaintenanceSql` replaces it. A new outbox: `outboxTableSql` +
 * `outboxActorApiKeySql` + `outboxMaintenanceSql`.
 */
export function outboxSql(schema: string): string {
  return outboxTableSql(schema) + outboxRelayPolicySql(schema);
}

/**
 * The relay's access to every organization's events: its maintenance role reads and marks them;
 * the setting-based `outbox_relay` policy of earlier migrations is dropped.
 */
export function outboxMaintenanceSql(schema: string): string {
  return dropPolicySql(schema, 'outbox', 'outbox_relay') + maintenanceAccessSql(schema, 'outbox', { policy: 'outbox_relay', select: 'all', update: 'all' });
}

/** The API key that acted (beside `actor_id`, the user who created it): a migration of every outbox. */
export function outboxActorApiKeySql(schema: string): string {
  const table = `${sqlIdentifier(schema)}.outbox`;
  return `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS actor_api_key_id uuid, ADD COLUMN IF NOT EXISTS actor_api_key_name text;
`;
}

/**
 * The trace context (W3C `traceparent`, as JSON) of the request or job that wrote each event, so
 * its consumers' work continues that trace: a migration of every outbox.
 */
export function outboxTraceContextSql(schema: string): string {
  return `ALTER TABLE ${sqlIdentifier(schema)}.outbox ADD COLUMN IF NOT EXISTS trace_context text;
`;
}

/**
 * Where the request that wrote each event came from — the caller's address and User-Agent, from
 * the gateway's signed context — for the audit log: a migration of every outbox. Consumers get it
 * as `origin`; the live channels never carry it.
 */
export function outboxRequestOriginSql(schema: string): string {
  return `ALTER TABLE ${sqlIdentifier(schema)}.outbox ADD COLUMN IF NOT EXISTS client_address text, ADD COLUMN IF NOT EXISTS user_agent text;
`;
}

/** The setting-based relay policy earlier migrations applied (kept for their checksums); see `outboxMaintenanceSql`. */
export function outboxRelayPolicySql(schema: string): string {
  const table = `${sqlIdentifier(schema)}.outbox`;
  return `CREATE POLICY outbox_relay ON ${table} USING (current_setting('app.outbox_relay', true) = 'on');
`;
}

/** An event as consumers receive it. */
export interface PublishedEvent {
  id: string;
  type: string;
  orgId: string | null;
  actorId: string | null;
  /** The API key that acted on behalf of `actorId`, if one did. */
  actorApiKey?: Actor['apiKey'];
  subject: { type: string; id: string } | null;
  data: Record<string, unknown>;
  requestId: string | null;
  occurredAt: string;
  /** Where the request that wrote it came from (absent for jobs and for the live channels). */
  origin?: EventOrigin | null;
}

/** The caller's network address and User-Agent, as the gateway signed them. */
export interface EventOrigin {
  clientAddress: string | null;
  userAgent: string | null;
}

/** Appends `event` to the outbox of `schema` within the transaction of `em` (as `id`: a new uuidv7 unless given). */
export async function appendEvent(em: EntityManager, schema: string, event: DomainEvent, id: string = uuidv7()): Promise<void> {
  const request = currentRequestContext();
  const actor = request ? principalActor(request.principal) : { userId: null, apiKey: null };
  const actorId = event.actorId !== undefined ? event.actorId : actor.userId;
  // An explicit actor (e.g. the invitee accepting) is not the key; the request's key acted otherwise.
  const apiKey = event.actorId !== undefined && event.actorId !== actor.userId ? null : actor.apiKey;
  const trace = traceHeaders();
  await em.query(
    `INSERT INTO ${sqlIdentifier(schema)}.outbox (id, org_id, type, actor_id, actor_api_key_id, actor_api_key_name, subject_type, subject_id, data, request_id, trace_context, client_address, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      id,
      event.orgId,
      event.type,
      actorId,
      apiKey?.id ?? null,
      apiKey?.name ?? null,
      event.subject?.type ?? null,
      event.subject?.id ?? null,
      JSON.stringify(event.data ?? {}),
      request?.requestId ?? null,
      Object.keys(trace).length ? JSON.stringify(trace) : null,
      request?.clientAddress ?? null,
      request?.userAgent ?? null,
    ],
  );
}
