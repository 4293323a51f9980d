import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { EMBEDDED_PASSWORD, startEmbeddedPostgres } from './embedded-postgres.js';

/*
 * Where `npm start` finds Postgres and Redis, in order: DATABASE_URL / REDIS_URL when set; the
 * standard local ports; otherwise an embedded Postgres (the embedded-postgres package's binaries, data
 * kept in .cellgraph/postgres; one an earlier run left running is reused) and a `redis-server` binary
 * started on a free port. CELLGRAPH_POSTGRES=embedded skips the local port. Probes are quiet: one
 * attempt, no retries, errors swallowed.
 */

export interface Service {
  url: string;
  description: string;
  stop(): Promise<void>;
}

export class InfrastructureError extends Error {
  override name = 'InfrastructureError';
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';
const nothingToStop = async () => {};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether `port` can be listened on (on `host`). */
export async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, connectTimeout: 2000 });
  redis.on('error', () => {}); // a refused probe is an answer, not an "Unhandled error event"
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** An administrator connection to `database` on a Postgres server. */
export async function resolvePostgres(database: string, stateDir: string): Promise<Service> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, description: 'DATABASE_URL', stop: nothingToStop };
  }
  if (process.env.CELLGRAPH_POSTGRES !== 'embedded' && (await postgresAnswers(LOCAL_POSTGRES))) {
    return { url: withDatabase(LOCAL_POSTGRES, database), description: 'local Postgres on 127.0.0.1:5432', stop: nothingToStop };
  }
  const dataDir = join(stateDir, 'postgres');
  mkdirSync(stateDir, { recursive: true });
  let embedded;
  try {
    embedded = await startEmbeddedPostgres(dataDir, await freePort());
  } catch (error) {
    throw new InfrastructureError(
      `No Postgres: DATABASE_URL is not set, nothing answers on 127.0.0.1:5432, and the embedded Postgres failed to start (${errorMessage(error)}). ` +
        'Set DATABASE_URL to an administrator connection, or start Postgres locally (e.g. `docker compose up -d`).',
    );
  }
  const url = `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${embedded.port}/postgres`;
  if (embedded.origin !== 'started') {
    if (!(await postgresAnswers(url))) {
      throw new InfrastructureError(
        `An embedded Postgres left running by an earlier run (pid ${embedded.pid}) holds ${dataDir} but does not answer on port ${embedded.port}: stop it (kill ${embedded.pid}) and start again.`,
      );
    }
    console.log(
      embedded.origin === 'adopted'
        ? `Reusing the embedded Postgres an earlier run left running (pid ${embedded.pid}, port ${embedded.port}, data in ${dataDir}); it stops with this run.`
        : `Sharing the embedded Postgres of the running npm start (pid ${embedded.ownerPid}; port ${embedded.port}); it stops with that run, not this one.`,
    );
  }
  return { url: withDatabase(url, database), description: `embedded Postgres on port ${embedded.port} (data in ${dataDir})`, stop: embedded.stop };
}

/** The message of anything thrown (some libraries reject with undefined). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? 'no reason given');
}

/** A Redis URL. */
export async function resolveRedis(): Promise<Service> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, description: 'REDIS_URL', stop: nothingToStop };
  if (await redisAnswers(LOCAL_REDIS)) return { url: LOCAL_REDIS, description: 'local Redis on 127.0.0.1:6379', stop: nothingToStop };
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
    });
  } catch (error) {
    throw new InfrastructureError(
      `No Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and no redis-server binary could be started (${(error as Error).message}). ` +
        'Install Redis (e.g. `apt-get install redis-server`), set REDIS_URL, or run `docker compose up -d`.',
    );
  }
  // A forced exit (the shutdown bound) skips `stop`: the server still goes with this process.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50 && !(await redisAnswers(url)); attempt++) await new Promise((r) => setTimeout(r, 100));
  return {
    url,
    description: `redis-server on port ${port}`,
    stop: async () => {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
