import { createHash } from 'node:crypto';
import { authzMigrations, cellRestrictedModules, prepareCellDatabase, sqlIdentifier } from '@cellgraph/kernel';
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
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startLocalS3Server } from '@cellgraph/files/local-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, buildUnits } from '../build.js';
import { catalog } from '../runtime/catalog.js';

/**
 * Runs once before the test files: checks that Postgres and Redis answer, and builds a template
 * database with every subgraph migrated (named after a hash of all migrations), which each test
 * file clones in a fraction of a second; the last run using it drops it. Databases left by an
 * interrupted run are dropped by the next run that starts alone.
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
  // The restricted modules decide who may write object grants in the policy store.
  fingerprint.update(`object-grants:${JSON.stringify(cellRestrictedModules(definitions))}`);
  const template = sqlIdentifier(`${TEST_TEMPLATE_PREFIX}${fingerprint.digest('hex').slice(0, 16)}`);

  // Runs of one namespace share the template (and may run at once, e.g. CI and a developer's run):
  // each holds a shared lock on this session for as long as it runs, and leftovers are removed, and
  // the template dropped, only by a run that finds no other holding it.
  const runs = await connect(TEST_DATABASE_URL);
  const runKey = `cellgraph.test-run:${TEST_TEMPLATE_PREFIX}`;
  await underTemplateLock(runs, async () => {
    if (await aloneInNamespace(runs, runKey)) {
      const stale = await runs.query<{ datname: string }>(
        `SELECT datname FROM pg_database d
          WHERE (datname LIKE $1 OR (datname LIKE $2 AND datname <> $3))
            AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
        [`${likePrefix(TEST_DATABASE_PREFIX)}%`, `${likePrefix(TEST_TEMPLATE_PREFIX)}%`, template],
      );
      for (const { datname } of stale.rows) await runs.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(datname)} WITH (FORCE)`);
    }
    await runs.query('SELECT pg_advisory_lock_shared(hashtext($1))', [runKey]);
    const exists = await runs.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      await runs.query(`CREATE DATABASE ${template}`);
      try {
        await prepareCellDatabase(databaseUrl(template), definitions, TEST_APP_PASSWORD);
      } catch (error) {
        await runs.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        throw error;
      }
    }
  }).catch(async (error: unknown) => {
    await runs.end().catch(() => undefined);
    throw error;
  });
  project.provide('cellgraphTemplateDatabase', template);
  const objectStore = await startObjectStore();
  // Where the test processes put what they build for the run (the app, web/test/browser-harness.ts);
  // removed with the run, since vitest may end its workers without an exit handler running.
  const buildsDir = mkdtempSync(join(tmpdir(), 'cellgraph-test-builds-'));
  process.env.CELLGRAPH_TEST_BUILDS_DIR = buildsDir;
  // The services the tests start as processes (scripts/testing/fault-harness.ts) run compiled, as
  // deployed: \`npm run build\` (swc, seconds) once here spares each process compiling the sources
  // as it starts — half its start-up CPU, and fault tests start hundreds.
  await build(buildUnits(), () => undefined);
  process.env.CELLGRAPH_TEST_BUILT = '1';

  return async function teardown() {
    rmSync(buildsDir, { recursive: true, force: true });
    await objectStore.stop();
    // Every test file dropped its own database; the template goes too unless another run still
    // holds its lock (the last one out drops it).
    try {
      await underTemplateLock(runs, async () => {
        await runs.query('SELECT pg_advisory_unlock_shared(hashtext($1))', [runKey]);
        if (await aloneInNamespace(runs, runKey)) await runs.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      });
    } catch {
      // The session was lost: the template stays, and the next run of these migrations reuses it.
    } finally {
      await runs.end().catch(() => undefined);
    }
  };
}

/** Runs `work` holding the lock that serialises the runs' setups and teardowns. */
async function underTemplateLock(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query('SELECT pg_advisory_lock(hashtext($1))', ['cellgraph.test-template']);
  try {
    await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['cellgraph.test-template']);
  }
}

/** Whether no other run of this namespace holds its run lock (checked by taking it exclusively, then releasing it). */
async function aloneInNamespace(client: pg.Client, runKey: string): Promise<boolean> {
  const { rows } = await client.query<{ alone: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS alone', [runKey]);
  if (rows[0]?.alone) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [runKey]);
  return rows[0]?.alone === true;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A session lost mid-run (Postgres restarted) only costs the cleanup: its queries then fail.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function likePrefix(prefix: string): string {
  return prefix.replaceAll('_', '\\_');
}

/** Test cells serve the app on free ports of localhost: the store lets any of them PUT and GET (S3 allows one `*` per origin). */
const TEST_APP_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * The files subgraph's store for every test file (cells, harnesses and processes they start read
 * S3_* from the environment, which the test workers inherit): the local S3-compatible server on a
 * free port, its objects in a temporary directory; unless S3_ENDPOINT names one (e.g. MinIO).
 */
async function startObjectStore(): Promise<{ stop(): Promise<void> }> {
  if (process.env.S3_ENDPOINT) return { stop: async () => {} };
  const directory = mkdtempSync(join(tmpdir(), 'cellgraph-test-s3-'));
  const server = await startLocalS3Server({ directory, bucket: 'cellgraph-test', corsOrigins: TEST_APP_ORIGINS });
  Object.assign(process.env, server.env);
  return {
    async stop() {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
