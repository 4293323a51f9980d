import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Migration } from '../db/migrate.js';
import { prepareCellDatabase } from '../db/prepare.js';
import { sqlIdentifier } from '../db/roles.js';
import { connectClient } from '../db/slot-waiting-pool.js';
import { databaseUrl, TEST_APP_PASSWORD, TEST_DATABASE_PREFIX, TEST_DATABASE_URL } from './infrastructure.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Database with every subgraph of the catalog migrated, cloned by each test file. */
    cellgraphTemplateDatabase: string;
  }
}

export interface TestDatabase {
  name: string;
  /** Administrator connection to the test database. */
  url: string;
  drop(): Promise<void>;
}

const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(TEST_DATABASE_URL, work);

/**
 * A fresh database for one test file. Without `subgraphs`, a copy of the template that has every
 * subgraph migrated (fast); with them, an empty database where only those subgraphs get roles,
 * schemas and migrations (to test cells that enable a subset).
 */
export async function createTestDatabase(subgraphs?: readonly { name: string; migrations: readonly Migration[] }[]): Promise<TestDatabase> {
  const name = sqlIdentifier(`${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`);
  const template = subgraphs ? 'template0' : sqlIdentifier(inject('cellgraphTemplateDatabase'));
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  if (subgraphs) await prepareCellDatabase(url, subgraphs, TEST_APP_PASSWORD);
  return {
    name,
    url,
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** Runs `work` with a client connected to `url` (as whoever the URL names), then closes it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectClient({ connectionString: url });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
