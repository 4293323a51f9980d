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
