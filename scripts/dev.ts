/**
 * `npm start [-- --cell NAME] [--instance NAME] [--split]`: brings a cell up on this machine —
 * Postgres and Redis (found or started), an S3-compatible store for files (found or started), roles, schemas and migrations, demo data, the subgraphs
 * and the gateway — and stops it all on Ctrl-C or SIGTERM (forced after SHUTDOWN_TIMEOUT_MS,
 * default 10 s). PORT (default 4000) sets the gateway's port. Each cell instance has its own
 * database (`cellgraph_<cell>_<instance>`) and Redis namespace (`cellgraph:<cell>:<instance>`).
 * `--split` runs the production services instead of one process (see runtime/split-cell.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cellDatabaseName, cellKeyPrefix, createLogger, LOCAL_APP_PASSWORD, shutdownTimeoutMs, stopOnSignals } from '@cellgraph/kernel/core';
import { parseArgs } from 'node:util';
import { loadCell } from './runtime/cells.js';
import { prepareDatabase, startCell, type CellOptions, type RunningCell } from './runtime/cell.js';
import { errorMessage, freePort, portIsFree, resolvePostgres, resolveRedis, type Service } from './runtime/infrastructure.js';
import { resolveObjectStore } from './runtime/object-store.js';
import { startSplitCell, type SplitCell } from './runtime/split-cell.js';
import { loadOrCreateKeys } from './runtime/dev-keys.js';
import { DEMO_USER, seedDemo } from './runtime/seed.js';
import { buildWebApp } from './runtime/web-build.js';

const { values } = parseArgs({
  options: {
    cell: { type: 'string', default: 'all' },
    instance: { type: 'string', default: process.env.CELL_INSTANCE ?? 'main' },
    split: { type: 'boolean', default: false },
  },
});
// Local state (embedded Postgres data, development keys); git-ignored.
const STATE_DIR = process.env.CELLGRAPH_STATE_DIR ?? new URL('../.cellgraph/', import.meta.url).pathname;
const MAIL_DIR = process.env.EMAIL_SINK_DIR ?? join(STATE_DIR, 'mail');
const PUSH_DIR = process.env.PUSH_SINK_DIR ?? join(STATE_DIR, 'push');
process.env.LOG_LEVEL ??= 'warn';

const started = performance.now();
const stops: (() => Promise<void>)[] = [];
let cell: RunningCell | SplitCell | undefined;
// Split: the gateway, the worker and the subgraphs each get SHUTDOWN_TIMEOUT_MS to drain, one after the other.
const stopTimeoutMs = (values.split ? 4 : 1) * shutdownTimeoutMs();

/** Stops the cell, then what it ran on (last started, first stopped); one failure skips nothing. */
async function stopAll(): Promise<void> {
  await cell?.stop().catch((error: unknown) => console.error(`Stopping the cell: ${errorMessage(error)}`));
  cell = undefined;
  for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
  stops.length = 0;
}

/** The cell in this process (subgraphs on one host, the gateway in front). */
async function startOneProcess(options: Omit<CellOptions, 'gatewayPort'>, requestedPort: number): Promise<RunningCell> {
  try {
    return await startCell({ ...options, gatewayPort: requestedPort });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const port = await freePort();
    console.warn(`Port ${requestedPort} is taken; using ${port} instead (set PORT to choose).`);
    return startCell({ ...options, gatewayPort: port });
  }
}

/** The cell as the production services, each a process whose output is prefixed with its name. */
async function startSplit(options: Omit<CellOptions, 'gatewayPort'>, requestedPort: number): Promise<SplitCell> {
  const gatewayPort = (await portIsFree(requestedPort)) ? requestedPort : await freePort();
  if (gatewayPort !== requestedPort) console.warn(`Port ${requestedPort} is taken; using ${gatewayPort} instead (set PORT to choose).`);
  const width = Math.max('migrate'.length, ...options.cell.subgraphs.map((s) => s.name.length));
  return startSplitCell({
    ...options,
    gatewayPort,
    stopTimeoutMs: shutdownTimeoutMs(),
    onLine: (service, line) => console.log(`${service.padEnd(width)} | ${line}`),
    onUnexpectedExit: (service, code, signal) =>
      console.error(`${service.padEnd(width)} | exited unexpectedly (${signal ?? `exit code ${code}`}); the others keep running`),
  });
}

async function main(): Promise<void> {
  const definition = loadCell(values.cell!);
  // The gateway serves the app's production build (web/dist), rebuilt when its sources changed.
  const web = await buildWebApp();
  if (web.built) console.log(`Built the web app into ${web.outDir}`);
  const instance = values.instance!;
  if (!/^[a-z][a-z0-9-]*$/.test(instance)) throw new Error(`Invalid instance name: ${JSON.stringify(instance)} (lower-case letters, digits and dashes)`);
  mkdirSync(STATE_DIR, { recursive: true });
  const postgres: Service = await resolvePostgres(cellDatabaseName(definition.name, instance), STATE_DIR);
  stops.push(postgres.stop);
  const redis: Service = await resolveRedis();
  stops.push(redis.stop);
  const appPassword = process.env.DATABASE_APP_PASSWORD ?? LOCAL_APP_PASSWORD;
  if (!values.split) await prepareDatabase(definition, postgres.url, appPassword); // split: the migrate service does it

  const requestedPort = Number(process.env.PORT ?? 4000);
  const hasFiles = definition.subgraphs.some((subgraph) => subgraph.name === 'files');
  // The app PUTs files straight to the store from its page: the store answers the CORS preflights
  // of the app as the gateway serves it and as Vite's dev server does (`npm run dev:web`, WEB_PORT).
  const webDevOrigin = `http://localhost:${Number(process.env.WEB_PORT ?? 5173)}`;
  const appOrigins = [`http://localhost:${requestedPort}`, `http://127.0.0.1:${requestedPort}`, webDevOrigin];
  const objectStore = hasFiles ? await resolveObjectStore(STATE_DIR, appOrigins) : null;
  if (objectStore) stops.push(objectStore.stop);
  const options = {
    cell: definition,
    instance,
    databaseUrl: postgres.url,
    appPassword,
    redisUrl: redis.url,
    keys: await loadOrCreateKeys(STATE_DIR),
    env: { NODE_ENV: 'development', EMAIL_SINK_DIR: MAIL_DIR, PUSH_SINK_DIR: PUSH_DIR, ...objectStore?.env },
  };
  cell = values.split ? await startSplit(options, requestedPort) : await startOneProcess(options, requestedPort);
  const demo = await seedDemo(cell.gatewayUrl, definition);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
Cellgraph cell "${definition.name}" is up in ${seconds}s (${definition.subgraphs.map((s) => s.name).join(', ')}${values.split ? '; one process each, a worker and a gateway' : ''})

  App                ${new URL('/', cell.gatewayUrl).href}  (open in a browser)
  GraphQL endpoint   ${cell.gatewayUrl}
  Explorer           ${cell.gatewayUrl}  (open in a browser)
  Postgres           ${postgres.description}
  Redis              ${redis.description}, keys under ${cellKeyPrefix(definition.name, instance)}:
  E-mail             written to ${MAIL_DIR} (invitations, password resets)${
    objectStore
      ? `
  Files              ${objectStore.description}`
      : ''
  }

  Demo sign-in       ${DEMO_USER.email} / ${DEMO_USER.password}  (organization "${demo.organization}")
  Access token       ${demo.accessToken}

  Try (with TOKEN set to the access token above):
  curl -s ${cell.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ tasks(first: 5) { nodes { title assignee { email } } } }"}'

Press Ctrl-C to stop.`);
}

stopOnSignals(
  async () => {
    console.log('\nStopping…');
    await stopAll();
  },
  createLogger('npm-start', process.env.LOG_LEVEL),
  stopTimeoutMs,
);

main().catch(async (error: unknown) => {
  console.error(`\nCannot start the cell: ${errorMessage(error)}`);
  setTimeout(() => process.exit(1), stopTimeoutMs).unref();
  await stopAll();
  process.exit(1);
});
