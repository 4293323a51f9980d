import pg from 'pg';
import { sqlIdentifier } from '@cellgraph/kernel/core';

/** Drops the database `name` (a benchmark's throw-away one) on the server of `serverUrl`, connecting to `postgres` to do so. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
