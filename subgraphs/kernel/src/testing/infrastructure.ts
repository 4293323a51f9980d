import { LOCAL_APP_PASSWORD } from '../db/roles.js';

/** Where tests find Postgres (an administrator connection) and Redis. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Password of the subgraphs' app roles in tests. */
export const TEST_APP_PASSWORD = process.env.TEST_APP_PASSWORD ?? LOCAL_APP_PASSWORD;
/** Prefix of every database tests create; the global setup removes leftovers. */
export const TEST_DATABASE_PREFIX = 'cgtest_';

export function databaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
