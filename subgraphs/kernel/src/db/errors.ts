import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

function pgError(error: unknown): PgError | null {
  if (error instanceof QueryFailedError) return error.driverError as PgError;
  return null;
}

/** True when `error` is a unique-constraint violation (of `constraint`, when given). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/**
 * Which side of a foreign key `error` violated (Postgres has one code, 23503, for both): `missing`
 * — a write referenced a row that is not there (or not the organization's); `referenced` — a
 * delete or key change of a row others still reference. Null for any other error.
 */
export function foreignKeyViolation(error: unknown): 'missing' | 'referenced' | null {
  const pg = pgError(error);
  if (pg?.code !== '23503') return null;
  return pg.message?.startsWith('update or delete') ? 'referenced' : 'missing';
}

/** True when `error` is a row-level-security refusal (a write outside the tenant). */
export function isRowLevelSecurityViolation(error: unknown): boolean {
  return pgError(error)?.code === '42501';
}

// SQLSTATEs meaning "the database cannot serve now", not "this statement is wrong": connection
// exceptions (class 08), too many connections, and the server shutting down or starting up.
const UNAVAILABLE_SQLSTATE = /^(08...|53300|57P01|57P02|57P03)$/;
// Socket errors of a connection that could not be made or was lost.
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// What pg and pg-pool throw without a code: a connection lost mid-query, a pool whose wait for a
// connection exceeded its bound (connectionTimeoutMillis), a client used after its connection died.
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * True when `error` means the database is unreachable or out of connections (stopped, restarting,
 * a connection terminated, the pool exhausted beyond its acquire timeout) — an outage a client may
 * retry, not a fault of the request. Looks through TypeORM's `driverError` and AggregateError's
 * `errors` (Node reports a refused connection to every address that way) — not through `cause`,
 * which is how fetch reports an HTTP peer it could not reach (not the database).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, message, driverError, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  const inner = [driverError, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((nested) => nested !== error && isDatabaseUnavailable(nested, depth + 1));
}

/**
 * Inserts a row unless one with the same key exists, in the transaction of `em`; true when this
 * call inserted it. Claims like this make at-least-once work run once (a job per due time, a rule
 * per event).
 */
export async function claimOnce(em: import('typeorm').EntityManager, table: string, values: Record<string, unknown>): Promise<boolean> {
  const columns = Object.keys(values);
  const rows: unknown[] = await em.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
    Object.values(values),
  );
  return rows.length === 1;
}
