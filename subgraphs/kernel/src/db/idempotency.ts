import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Field } from 'type-graphql';
import { userError } from '../errors/user-errors.js';
import { sqlIdentifier } from './roles.js';
import { CURRENT_ORG_SQL, CURRENT_USER_SQL, tenantIsolationSql } from './tenant-sql.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** How long a key is remembered: a retry within this window replays, later it creates again. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
const MAX_KEY_LENGTH = 255;

/** The idempotency-key table of a subgraph, for its migration. */
export function idempotencySql(schema: string): string {
  const table = `${sqlIdentifier(schema)}.idempotency_keys`;
  return `
CREATE TABLE ${table} (
  org_id uuid NOT NULL,
  key text NOT NULL,
  operation text NOT NULL,
  fingerprint text NOT NULL,
  result_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON ${table} (org_id, created_at);
${tenantIsolationSql(schema, 'idempotency_keys')}`;
}

/** The `idempotencyKey` field of a create input. */
export const IdempotencyKeyField = (): PropertyDecorator & MethodDecorator =>
  Field(() => String, {
    nullable: true,
    description: `Makes retries safe: a repeat of this request with the same key within ${IDEMPOTENCY_WINDOW_HOURS} hours returns the first result instead of creating again.`,
  });

export interface IdempotentCall<T> {
  /** The client's key, if it sent one. */
  key: string | null | undefined;
  /** The mutation, e.g. `taskCreate`; a key reused for another operation or input is refused. */
  operation: string;
  /** The validated input (without the key); it is fingerprinted, not stored. */
  input: unknown;
  create: () => Promise<T>;
  /** Loads the result of the first call by id, for a replay. */
  load: (id: string) => Promise<T | null>;
  /** The uuid of a result (default: its `id`). */
  idOf?: (result: T) => string;
}

/**
 * Runs a create at most once per key (Stripe's semantics), in the transaction of `em`: the key is
 * claimed with the create, so a failed create frees it and a concurrent duplicate waits for the
 * first and then replays it. The same key with another operation, input or caller is refused
 * with `IDEMPOTENCY_KEY_REUSED`.
 */
export async function idempotent<T>(em: EntityManager, schema: string, call: IdempotentCall<T>): Promise<T> {
  if (call.key === undefined || call.key === null) return call.create();
  const key = call.key;
  if (!key.trim() || key.length > MAX_KEY_LENGTH)
    throw userError('IDEMPOTENCY_KEY_INVALID', text(kernelMessages.idempotencyKeyInvalid, { max: MAX_KEY_LENGTH }), ['input', 'idempotencyKey']);
  const table = `${sqlIdentifier(schema)}.idempotency_keys`;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([call.operation, call.input]))
    .digest('base64url');
  await em.query(`DELETE FROM ${table} WHERE created_at < now() - interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`);
  const claimed: unknown[] = await em.query(
    `INSERT INTO ${table} (org_id, key, operation, fingerprint) VALUES (${CURRENT_ORG_SQL}, $1, $2, $3 || ':' || coalesce(${CURRENT_USER_SQL}::text, ''))
     ON CONFLICT DO NOTHING RETURNING 1`,
    [key, call.operation, fingerprint],
  );
  if (claimed.length) {
    const result = await call.create();
    await em.query(`UPDATE ${table} SET result_id = $2 WHERE org_id = ${CURRENT_ORG_SQL} AND key = $1`, [
      key,
      call.idOf ? call.idOf(result) : (result as { id: string }).id,
    ]);
    return result;
  }
  const [first] = (await em.query(
    `SELECT result_id FROM ${table} WHERE org_id = ${CURRENT_ORG_SQL} AND key = $1 AND operation = $2 AND fingerprint = $3 || ':' || coalesce(${CURRENT_USER_SQL}::text, '')`,
    [key, call.operation, fingerprint],
  )) as { result_id: string }[];
  if (!first) throw userError('IDEMPOTENCY_KEY_REUSED', kernelMessages.idempotencyKeyReused, ['input', 'idempotencyKey']);
  const replay = await call.load(first.result_id);
  if (!replay) throw userError('IDEMPOTENCY_RESULT_GONE', kernelMessages.idempotencyResultGone, ['input', 'idempotencyKey']);
  return replay;
}
