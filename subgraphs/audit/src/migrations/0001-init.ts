import {
  appRole,
  eventInboxSql,
  maintenanceAccessSql,
  maintenanceRole,
  outboxActorApiKeySql,
  outboxMaintenanceSql,
  outboxRequestOriginSql,
  outboxTableSql,
  outboxTraceContextSql,
  ownerRole,
  sqlIdentifier,
  sqlLiteral,
  tenantIsolationSql,
  type Migration,
} from '@cellgraph/kernel';
import { GENESIS_HASH } from '../chain/chain-hash.js';

const app = sqlIdentifier(appRole('audit'));
const maintenance = sqlIdentifier(maintenanceRole('audit'));

/*
 * The audit log: one hash chain per organization.
 *
 * - `audit.entries`: append-only. The app role may INSERT and SELECT, never UPDATE, DELETE or
 *   TRUNCATE (its default privileges are revoked here), and a trigger refuses those for every role —
 *   but the retention function below, which deletes expired entries from the start of a chain.
 * - `audit.chains`: each organization's head (last seq and hash: appends lock this row, so two
 *   appends never fork the chain), its anchor (seq and hash of the last entry retention removed:
 *   verification starts there) and its retention. The app role updates the head and the
 *   retention, never the anchor.
 * - `audit.prune_expired(org)`: SECURITY DEFINER, run by the owner's rights, executable by the
 *   maintenance role only (the retention job): removes the organization's entries recorded before its
 *   retention, as one prefix of the chain, and moves the anchor to the last one removed.
 * - the outbox of its own events (retention changed, exports), which come back to it like any
 *   module's audited events, and the inbox of the events it records.
 */
export const init: Migration = {
  id: '0001-init',
  sql:
    `
CREATE TABLE audit.chains (
  org_id uuid PRIMARY KEY,
  head_seq bigint NOT NULL DEFAULT 0,
  head_hash text NOT NULL DEFAULT ${sqlLiteral(GENESIS_HASH)},
  anchor_seq bigint NOT NULL DEFAULT 0,
  anchor_hash text NOT NULL DEFAULT ${sqlLiteral(GENESIS_HASH)},
  pruned_at timestamptz,
  retention_days integer CHECK (retention_days BETWEEN 1 AND 36500),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit.entries (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  event_id uuid NOT NULL UNIQUE,
  action text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  actor_api_key_id uuid,
  actor_api_key_name text,
  client_address text,
  user_agent text,
  target_type text,
  target_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  CONSTRAINT entries_org_seq_key UNIQUE (org_id, seq),
  CONSTRAINT entries_chain_fkey FOREIGN KEY (org_id) REFERENCES audit.chains (org_id)
);
CREATE INDEX entries_org_action_idx ON audit.entries (org_id, action, seq);
CREATE INDEX entries_org_actor_idx ON audit.entries (org_id, actor_user_id, seq);
CREATE INDEX entries_org_target_idx ON audit.entries (org_id, target_id, seq);
CREATE INDEX entries_org_occurred_idx ON audit.entries (org_id, occurred_at);

REVOKE UPDATE, DELETE, TRUNCATE ON audit.entries FROM ${app};
REVOKE UPDATE, DELETE, TRUNCATE ON audit.chains FROM ${app};
GRANT UPDATE (head_seq, head_hash, retention_days, updated_at) ON audit.chains TO ${app};

CREATE FUNCTION audit.entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = ${sqlLiteral(ownerRole('audit'))} AND current_setting('audit.pruning', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON audit.entries FOR EACH ROW EXECUTE FUNCTION audit.entries_append_only();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON audit.entries FOR EACH STATEMENT EXECUTE FUNCTION audit.entries_append_only();

CREATE FUNCTION audit.prune_expired(target_org uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  days integer;
  last_seq bigint;
  last_hash text;
  removed integer;
BEGIN
  PERFORM set_config('app.org_id', target_org::text, true);
  SELECT retention_days INTO days FROM audit.chains WHERE org_id = target_org FOR UPDATE;
  IF days IS NULL THEN
    RETURN 0;
  END IF;
  SELECT seq, hash INTO last_seq, last_hash FROM audit.entries
    WHERE org_id = target_org AND recorded_at < now() - make_interval(days => days)
    ORDER BY seq DESC LIMIT 1;
  IF last_seq IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM set_config('audit.pruning', 'on', true);
  DELETE FROM audit.entries WHERE org_id = target_org AND seq <= last_seq;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('audit.pruning', 'off', true);
  UPDATE audit.chains SET anchor_seq = last_seq, anchor_hash = last_hash, pruned_at = now(), updated_at = now() WHERE org_id = target_org;
  PERFORM set_config('app.org_id', '', true);
  RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION audit.prune_expired(uuid) FROM PUBLIC, ${app};
REVOKE ALL ON FUNCTION audit.entries_append_only() FROM PUBLIC, ${app};
GRANT EXECUTE ON FUNCTION audit.prune_expired(uuid) TO ${maintenance};
` +
    tenantIsolationSql('audit', 'chains') +
    tenantIsolationSql('audit', 'entries') +
    maintenanceAccessSql('audit', 'chains', { policy: 'chains_retention', select: ['org_id', 'retention_days'], rows: 'retention_days IS NOT NULL' }) +
    outboxTableSql('audit') +
    outboxActorApiKeySql('audit') +
    outboxTraceContextSql('audit') +
    outboxRequestOriginSql('audit') +
    outboxMaintenanceSql('audit') +
    eventInboxSql('audit'),
};
