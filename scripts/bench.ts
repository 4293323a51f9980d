/**
 * `npm run bench`: load through the gateway of a real cell (local or embedded Postgres and
 * Redis, a throw-away database), with latency percentiles, throughput, SQL statements per
 * request and memory, checked against the targets below. Load generator and cell share this
 * machine's cores, so figures are conservative.
 */
import pg from 'pg';
import { cellDatabaseName, LOCAL_APP_PASSWORD, sqlIdentifier } from '@cellgraph/kernel/core';
import { benchGatewayStart, printGatewayStart } from './bench-gateway-start.js';
import { benchLive } from './bench-live.js';
import { benchLiveScale } from './bench-live-scale.js';
import { printMetricsSummary } from './bench-metrics.js';
import { loadCell } from './runtime/cells.js';
import { prepareDatabase, startCell } from './runtime/cell.js';
import { graphqlData } from './runtime/graphql-client.js';
import { resolvePostgres, resolveRedis } from './runtime/infrastructure.js';
import { generateCellKeys } from './runtime/keys.js';

// `npm run bench -- live [<scale scenario>]`: the subscription benchmarks alone (bench-live-main.ts).
if (process.argv[2] === 'live') process.exit(await (await import('./bench-live-main.js')).liveMain(process.argv.slice(3)));

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);

/*
 * Targets are regression guards for this setup: one Node process runs the gateway, the subgraphs
 * and the load generator (so one core does all the JavaScript), Postgres and Redis are local.
 * Separate processes per subgraph and gateway scale across cores in a deployed cell.
 */
interface Scenario {
  name: string;
  query: string;
  /** Throughput floor, requests per second. */
  minRps: number;
  /** SQL statements per request must not exceed this (N+1 guard). */
  maxStatements: number;
}

const scenarios: Scenario[] = [
  { name: 'gateway overhead: { __typename }', query: 'query Typename { __typename }', minRps: 400, maxStatements: 0 },
  {
    name: '50 tasks with assignee and creator (2 subgraphs)',
    query: 'query BenchTasks { tasks(first: 50) { totalCount nodes { title status assignee { email name } createdBy { email } } } }',
    minRps: 50,
    maxStatements: 16,
  },
  {
    name: '50 contacts with owner and deals (2 subgraphs)',
    query:
      'query BenchContacts { contacts(first: 50) { totalCount nodes { name email assignedTo { name } deals { nodes { title value { amount currencyCode } stage { name } } } } } }',
    minRps: 50,
    maxStatements: 24,
  },
];
// The cell "all" (five subgraphs: identity, tasks, crm, collaboration, notifications) in one
// process with the load generator; each subgraph brings its schema, pool and queues (~50 MB).
const MAX_RSS_MB = 800;

// First, while the machine is idle: a lone gateway's start time and memory.
printGatewayStart(await benchGatewayStart());

const instance = `bench-${process.pid}`;
const database = cellDatabaseName('all', instance);
const postgres = await resolvePostgres(database, new URL('../.cellgraph/', import.meta.url).pathname);
const redis = await resolveRedis();
const cell = loadCell('all');
await prepareDatabase(cell, postgres.url, LOCAL_APP_PASSWORD);
process.env.LOG_LEVEL ??= 'silent';
// Request serving only: background workers (outbox relay, schedules) would add their own statements
// and CPU to the figures; a deployed cell runs them in their own processes. The one benchmark user
// sends far more than a person would: its rate limit is still counted, but never reached.
const running = await startCell({
  cell,
  instance,
  databaseUrl: postgres.url,
  appPassword: LOCAL_APP_PASSWORD,
  redisUrl: redis.url,
  keys: await generateCellKeys(),
  env: { LOG_LEVEL: 'silent', WORKERS: 'off', USER_RATE_LIMIT: '1000000', METRICS_PORT: '0' },
});
// One process: the gateway's and the host's /metrics read one registry, over both runs of the cell.
const trafficStarted = performance.now();
let failed = false;
try {
  const session = await graphqlData<{ userRegister: { session: { accessToken: string; user: { id: string } } } }>(
    running.gatewayUrl,
    'mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { accessToken user { id } } } }',
    { input: { email: 'bench@example.test', name: 'Bench', password: 'Bench-password-1!' } },
  );
  const { accessToken: token, user } = session.userRegister.session;
  for (let i = 0; i < 200; i++) {
    await graphqlData(
      running.gatewayUrl,
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
      { input: { title: `Task ${i}`, assigneeId: i % 2 ? user.id : null } },
      { token },
    );
  }
  type Created = { pipelineCreate: { pipeline: { id: string } } };
  const pipeline = await graphqlData<Created>(running.gatewayUrl, 'mutation { pipelineCreate(input: { name: "Bench" }) { pipeline { id } } }', {}, { token });
  for (let i = 0; i < 100; i++) {
    const contact = await graphqlData<{ contactCreate: { contact: { id: string } } }>(
      running.gatewayUrl,
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }',
      { input: { firstName: `Contact ${i}`, email: `contact-${i}@bench.test`, assignedToId: user.id } },
      { token },
    );
    await graphqlData(
      running.gatewayUrl,
      'mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { id } } }',
      { input: { contactId: contact.contactCreate.contact.id, pipelineId: pipeline.pipelineCreate.pipeline.id, title: `Deal ${i}`, value: '1250.50' } },
      { token },
    );
  }

  const statements = () => running.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.count, 0);
  console.log(`Cellgraph bench: ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}, Node ${process.version}\n`);
  for (const scenario of scenarios) {
    const body = JSON.stringify({ query: scenario.query });
    const send = async () => {
      const response = await fetch(running.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const result = (await response.json()) as { errors?: unknown };
      if (result.errors) throw new Error(JSON.stringify(result.errors));
    };
    for (let i = 0; i < 100; i++) await send(); // warm-up
    const latencies: number[] = [];
    const statementsBefore = statements();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < REQUESTS) {
          const t = performance.now();
          await send();
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    const perRequest = (statements() - statementsBefore) / REQUESTS;
    const rps = REQUESTS / seconds;
    const ok = rps >= scenario.minRps && perRequest <= scenario.maxStatements;
    failed ||= !ok;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${scenario.name}`);
    console.log(`      ${rps.toFixed(0)} req/s (target ≥ ${scenario.minRps})   latency p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms`);
    console.log(`      ${perRequest.toFixed(1)} SQL statements per request (target ≤ ${scenario.maxStatements})\n`);
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const memoryOk = rssMb <= MAX_RSS_MB;
  failed ||= !memoryOk;
  console.log(
    `${memoryOk ? 'PASS' : 'FAIL'}  memory: ${rssMb.toFixed(0)} MB resident for gateway + ${cell.subgraphs.length} subgraphs + load generator (target ≤ ${MAX_RSS_MB})\n`,
  );
} finally {
  await running.stop();
}
// Subscriptions need the outbox relay: a second run of the cell, on the same database, with workers.
const live = await startCell({
  cell,
  instance,
  databaseUrl: postgres.url,
  appPassword: LOCAL_APP_PASSWORD,
  redisUrl: redis.url,
  keys: await generateCellKeys(),
  env: { LOG_LEVEL: 'silent', WORKERS: 'on', USER_RATE_LIMIT: '1000000', API_KEY_RATE_LIMIT: '1000000', METRICS_PORT: '0' },
});
try {
  failed = !(await benchLive(live)) || failed;
  failed = !(await benchLiveScale(live, () => true)) || failed;
  await printMetricsSummary(live.gateway.metricsUrl!, `${live.subgraphsUrl}/metrics`, (performance.now() - trafficStarted) / 1000);
} finally {
  await live.stop();
  const admin = new URL(postgres.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${sqlIdentifier(database)} WITH (FORCE)`);
  await client.end();
  await redis.stop();
  await postgres.stop();
}
process.exit(failed ? 1 : 0);
