/**
 * `npm run bench [-- <scenario>]`. Scenarios: `cell` (the default, below), `gateways`
 * (scripts/bench/gateways/: ours against stock @apollo/gateway and Hive Gateway), `live`,
 * `search` (scripts/bench/search/: 100,000 indexed objects of one organization) and `exports`
 * (scripts/bench/exports/: the memory of 1,000,000 exported rows).
 *
 * `cell`: load through the gateway of a real cell (local or embedded Postgres and
 * Redis, a throw-away database), with latency percentiles, throughput, SQL statements per
 * request and memory, checked against the targets below. Load generator and cell share this
 * machine's cores, so figures are conservative.
 */
import { cellDatabaseName, LOCAL_APP_PASSWORD } from '@cellgraph/kernel/core';
import { benchGatewayStart, printGatewayStart } from './bench-gateway-start.js';
import { benchLive } from './bench-live.js';
import { benchLiveScale } from './bench-live-scale.js';
import { printMetricsSummary } from './bench-metrics.js';
import { dropDatabase } from './bench/drop-database.js';
import { loadCell } from './runtime/cells.js';
import { prepareDatabase, startCell } from './runtime/cell.js';
import { graphqlData } from './runtime/graphql-client.js';
import { resolvePostgres, resolveRedis } from './runtime/infrastructure.js';
import { resolveObjectStore } from './runtime/object-store.js';
import { generateCellKeys } from './runtime/keys.js';

const SCENARIOS: Record<string, (argv: string[]) => Promise<number>> = {
  gateways: async (argv) => (await import('./bench/gateways/scenario.js')).gatewaysMain(argv),
  // The subscription benchmarks alone: `npm run bench -- live [<scale scenario>]`.
  live: async (argv) => (await import('./bench-live-main.js')).liveMain(argv),
  // Search over 100,000 indexed objects of one organization: `npm run bench -- search`.
  search: async () => (await import('./bench/search/scenario.js')).searchMain(),
  // The constant memory of an export's writers over 1,000,000 rows: `npm run bench -- exports [CSV|XLSX|JSON]`.
  exports: async (argv) => (await import('./bench/exports/scenario.js')).exportsMain(argv),
};
const [scenarioName, ...scenarioArgv] = process.argv.slice(2);
if (scenarioName !== undefined && scenarioName !== 'cell') {
  const scenario = SCENARIOS[scenarioName];
  if (!scenario) {
    console.error(`Unknown scenario ${JSON.stringify(scenarioName)}. Usage: npm run bench [-- cell|${Object.keys(SCENARIOS).join('|')} …]`);
    process.exit(2);
  }
  process.exit(await scenario(scenarioArgv));
}

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
/** BENCH_ONLY=board,contacts: only the scenarios whose names contain one of these words. */
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);

/*
 * Targets are regression guards for this setup: one Node process runs the gateway, the subgraphs
 * and the load generator (so one core does all the JavaScript), Postgres and Redis are local.
 * Separate processes per subgraph and gateway scale across cores in a deployed cell.
 */
interface Scenario {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
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
  {
    // The kanban view: before read sessions and one-statement grouped pages, 8 req/s and 26 statements.
    name: 'board: 4 columns × 100 tasks with assignee and 2 tags (3 subgraphs)',
    query:
      'query BenchBoard($id: ID!) { board(id: $id) { name columns { name tasks(first: 100) { totalCount pageInfo { endCursor } nodes { id title status assignee { name } tags { name color } } } } } }',
    variables: () => ({ id: boardId }),
    minRps: 80,
    maxStatements: 12,
  },
];
let boardId = '';
// The cell "all" (five subgraphs: identity, tasks, crm, collaboration, notifications) in one
// process with the load generator; each subgraph brings its schema, pool and queues (~50 MB).
const MAX_RSS_MB = 800;

// First, while the machine is idle: a lone gateway's start time and memory.
// (With BENCH_ONLY: only the chosen request scenarios, no gateway start and no subscriptions run.)
if (!ONLY) printGatewayStart(await benchGatewayStart());

const instance = `bench-${process.pid}`;
const database = cellDatabaseName('all', instance);
const postgres = await resolvePostgres(database, new URL('../.cellgraph/', import.meta.url).pathname);
const redis = await resolveRedis();
// The files subgraph's store (the local one unless S3_* name one); the cell's processes read S3_* from the environment.
Object.assign(process.env, (await resolveObjectStore(new URL('../.cellgraph/', import.meta.url).pathname, [])).env);
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

  // The board: 4 columns of 100 tasks, each assigned and with 2 tags (columns fill side by side).
  type Board = { boardCreate: { board: { id: string; columns: { id: string }[] } } };
  const board = await graphqlData<Board>(
    running.gatewayUrl,
    'mutation { boardCreate(input: { name: "Bench", columns: [{ name: "Todo" }, { name: "Doing" }, { name: "Review" }, { name: "Done" }] }) { board { id columns { id } } } }',
    {},
    { token },
  );
  boardId = board.boardCreate.board.id;
  const boardTasks: string[] = [];
  await Promise.all(
    board.boardCreate.board.columns.map(async (column) => {
      for (let i = 0; i < 100; i++) {
        const task = await graphqlData<{ taskCreate: { task: { id: string } } }>(
          running.gatewayUrl,
          'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
          { input: { title: `Card ${i}`, columnId: column.id, assigneeId: user.id } },
          { token },
        );
        boardTasks.push(task.taskCreate.task.id);
      }
    }),
  );
  for (const name of ['urgent', 'backend']) {
    const tag = await graphqlData<{ tagCreate: { tag: { id: string } } }>(
      running.gatewayUrl,
      'mutation($input: TagCreateInput!) { tagCreate(input: $input) { tag { id } } }',
      { input: { name } },
      { token },
    );
    for (let i = 0; i < boardTasks.length; i += 100) {
      await graphqlData(
        running.gatewayUrl,
        'mutation($input: TagApplyInput!) { tagApply(input: $input) { userErrors { code } } }',
        { input: { tagId: tag.tagCreate.tag.id, nodeIds: boardTasks.slice(i, i + 100) } },
        { token },
      );
    }
  }

  const statements = () => running.subgraphs.reduce((sum, server) => sum + server.runtime.db.statements.count, 0);
  console.log(`Cellgraph bench: ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}, Node ${process.version}\n`);
  for (const scenario of scenarios.filter((s) => !ONLY || ONLY.some((word) => s.name.includes(word)))) {
    const body = JSON.stringify({ query: scenario.query, variables: scenario.variables?.() ?? {} });
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
const live = ONLY
  ? null
  : await startCell({
      cell,
      instance,
      databaseUrl: postgres.url,
      appPassword: LOCAL_APP_PASSWORD,
      redisUrl: redis.url,
      keys: await generateCellKeys(),
      env: { LOG_LEVEL: 'silent', WORKERS: 'on', USER_RATE_LIMIT: '1000000', API_KEY_RATE_LIMIT: '1000000', METRICS_PORT: '0' },
    });
try {
  if (live) {
    failed = !(await benchLive(live)) || failed;
    failed = !(await benchLiveScale(live, () => true)) || failed;
    await printMetricsSummary(live.gateway.metricsUrl!, `${live.subgraphsUrl}/metrics`, (performance.now() - trafficStarted) / 1000);
  }
} finally {
  await live?.stop();
  await dropDatabase(postgres.url, database);
  await redis.stop();
  await postgres.stop();
}
process.exit(failed ? 1 : 0);
