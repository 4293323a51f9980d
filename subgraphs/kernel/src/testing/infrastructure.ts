import { LOCAL_APP_PASSWORD } from '../db/roles.js';

/** Where tests find Postgres (an administrator connection) and Redis. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Password of the subgraphs' app roles in tests. */
export const TEST_APP_PASSWORD = process.env.TEST_APP_PASSWORD ?? LOCAL_APP_PASSWORD;
/**
 * Runs of the suite that share one Postgres (several checkouts at once) keep apart by
 * CELLGRAPH_TEST_NAMESPACE: each run only creates, and only cleans up, databases of its own prefix.
 */
const namespace = (process.env.CELLGRAPH_TEST_NAMESPACE ?? '').toLowerCase();
if (!/^[a-z0-9]{0,12}$/.test(namespace)) throw new Error('CELLGRAPH_TEST_NAMESPACE must be up to 12 letters or digits');

/** Prefix of every database tests create; the global setup removes leftovers. */
export const TEST_DATABASE_PREFIX = namespace ? `cgt${namespace}_` : 'cgtest_';
/** Prefix of the template database the global setup builds for each run. */
export const TEST_TEMPLATE_PREFIX = namespace ? `cgp${namespace}_` : 'cgtpl_';

export function databaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
