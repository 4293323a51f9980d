/**
 * `npm run bench -- live [<scale scenario>]`: the subscription benchmarks alone, on a cell whose
 * workers run (the outbox relay publishes changes): bench-live.ts (one subscriber's latency, set-up
 * rate, heap after close) and bench-live-scale.ts (100 / 1,000 / 5,000 subscribers spread over
 * boards and on one board). Naming a scale scenario (e.g. `spread-5000`) runs only that one.
 */
import { cellDatabaseName, LOCAL_APP_PASSWORD } from '@cellgraph/kernel/core';
import { benchLive } from './bench-live.js';
import { benchLiveScale, liveScaleScenarios } from './bench-live-scale.js';
import { printMetricsSummary } from './bench-metrics.js';
import { dropDatabase } from './bench/drop-database.js';
import { loadCell } from './runtime/cells.js';
import { prepareDatabase, startCell } from './runtime/cell.js';
import { resolvePostgres, resolveRedis } from './runtime/infrastructure.js';
import { resolveObjectStore } from './runtime/object-store.js';
import { generateCellKeys } from './runtime/keys.js';

export async function liveMain(argv: string[]): Promise<number> {
  const only = argv[0] ?? null;
  if (only && !liveScaleScenarios.some((s) => s.name === only)) {
    console.error(`Unknown live scenario ${JSON.stringify(only)}: ${liveScaleScenarios.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const instance = `bench-live-${process.pid}`;
  const database = cellDatabaseName('all', instance);
  const postgres = await resolvePostgres(database, new URL('../.cellgraph/', import.meta.url).pathname);
  const redis = await resolveRedis();
  // The files subgraph's store (the local one unless S3_* name one); the cell's processes read S3_* from the environment.
  Object.assign(process.env, (await resolveObjectStore(new URL('../.cellgraph/', import.meta.url).pathname, [])).env);
  // The files subgraph's store (the local one unless S3_* name one); the cell's processes read S3_* from the environment.
  Object.assign(process.env, (await resolveObjectStore(new URL('../.cellgraph/', import.meta.url).pathname, [])).env);
  const cell = loadCell('all');
  await prepareDatabase(cell, postgres.url, LOCAL_APP_PASSWORD);
  process.env.LOG_LEVEL ??= 'silent';
  const started = performance.now();
  const live = await startCell({
    cell,
    instance,
    databaseUrl: postgres.url,
    appPassword: LOCAL_APP_PASSWORD,
    redisUrl: redis.url,
    keys: await generateCellKeys(),
    env: { LOG_LEVEL: 'silent', WORKERS: 'on', USER_RATE_LIMIT: '1000000', API_KEY_RATE_LIMIT: '1000000', METRICS_PORT: '0' },
  });
  let ok = true;
  try {
    if (!only) ok = (await benchLive(live)) && ok;
    ok = (await benchLiveScale(live, (name) => !only || name === only)) && ok;
    await printMetricsSummary(live.gateway.metricsUrl!, `${live.subgraphsUrl}/metrics`, (performance.now() - started) / 1000);
  } finally {
    await live.stop();
    await dropDatabase(postgres.url, database);
    await redis.stop();
    await postgres.stop();
  }
  return ok ? 0 : 1;
}
