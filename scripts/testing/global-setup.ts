import { createHash } from 'node:crypto';
import { authzMigrations, prepareCellDatabase, sqlIdentifier } from '@cellgraph/kernel';
import {
  databaseUrl,
  TEST_APP_PASSWORD,
  TEST_DATABASE_PREFIX,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  TEST_TEMPLATE_PREFIX,
  withClient,
} from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { catalog } from '../runtime/catalog.js';

/**
 * Runs once before the test files: checks that Postgres and Redis answer, and builds a template
 * database with every subgraph migrated (named after a hash of all migrations), which each test
 * file clones in a fraction of a second; it is dropped after the run. Databases left by an
 * interrupted run are dropped.
 */
export default async function setup(project: TestProject) {
  await withClient(TEST_DATABASE_URL, (client) => client.query('SELECT 1')).catch((error: Error) => {
    throw new Error(`Tests need Postgres at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL): ${error.message}`);
  });
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  await redis
    .connect()
    .then(() => redis.ping())
    .catch((error: Error) => {
      throw new Error(`Tests need Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${error.message}`);
    });
  redis.disconnect();

  const definitions = Object.values(catalog);
  const fingerprint = createHash('sha256');
  for (const definition of [...definitions, { name: 'authz', migrations: authzMigrations }]) {
    fingerprint.update(definition.name);
    for (const migration of definition.migrations) fingerprint.update(migration.id).update(migration.sql);
  }
  const template = sqlIdentifier(`${TEST_TEMPLATE_PREFIX}${fingerprint.digest('hex').slice(0, 16)}`);

  await withClient(TEST_DATABASE_URL, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['cellgraph.test-template']);
    try {
      const stale = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database d
          WHERE (datname LIKE $1 OR (datname LIKE $2 AND datname <> $3))
            AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
        [`${likePrefix(TEST_DATABASE_PREFIX)}%`, `${likePrefix(TEST_TEMPLATE_PREFIX)}%`, template],
      );
      for (const { datname } of stale.rows) await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(datname)} WITH (FORCE)`);
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!exists.rowCount) {
        await client.query(`CREATE DATABASE ${template}`);
        try {
          await prepareCellDatabase(databaseUrl(template), definitions, TEST_APP_PASSWORD);
        } catch (error) {
          await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['cellgraph.test-template']);
    }
  });
  project.provide('cellgraphTemplateDatabase', template);

  return async function teardown() {
    // Every test file dropped its own database; the template goes too. A concurrent run still
    // cloning it keeps it (DROP refuses while it is in use), and the next run removes it.
    await withClient(TEST_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${template}`)).catch(() => undefined);
  };
}

/** A prefix for LIKE, its `_` matched literally (so `cgtest_` never matches another namespace's `cgtestx…`). */
function likePrefix(prefix: string): string {
  return prefix.replaceAll('_', '\\_');
}
