/**
 * Subscriptions at scale (part of `npm run bench -- live`): many subscribers — spread over many
 * boards, or all on one — while tasks change at a fixed rate through the gateway. Reports, per
 * scenario: payloads delivered / expected, publish-to-receive latency (the event's occurredAt to
 * the subscriber's receipt, one clock), mutation latency and failures during the run, HTTP calls
 * to the tasks subgraph per event, and the process's memory before the subscribers came and after
 * they left. Subscribers use five principals (the user and four API keys), so each board has five
 * groups. The gateway, the subgraphs and this load generator share one process and the machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from 'graphql-ws';
import type { RunningCell } from './runtime/cell.js';
import { graphqlData } from './runtime/graphql-client.js';
import { liveClient } from './testing/live-client.js';

export interface LiveScaleScenario {
  name: string;
  subscribers: number;
  boards: number;
  eventsPerSecond: number;
  /** p99 publish-to-receive target. */
  maxP99Ms: number;
}

export const liveScaleScenarios: LiveScaleScenario[] = [
  { name: 'spread-100', subscribers: 100, boards: 10, eventsPerSecond: 100, maxP99Ms: 250 },
  { name: 'spread-1000', subscribers: 1_000, boards: 100, eventsPerSecond: 100, maxP99Ms: 250 },
  { name: 'spread-5000', subscribers: 5_000, boards: 500, eventsPerSecond: 100, maxP99Ms: 250 },
  { name: 'one-board-100', subscribers: 100, boards: 1, eventsPerSecond: 10, maxP99Ms: 1_000 },
  { name: 'one-board-1000', subscribers: 1_000, boards: 1, eventsPerSecond: 10, maxP99Ms: 1_000 },
  { name: 'one-board-5000', subscribers: 5_000, boards: 1, eventsPerSecond: 10, maxP99Ms: 1_000 },
];

const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
const PER_CONNECTION = 100;
const MAX_RSS_GROWTH = 0.1;
const SUBSCRIPTION = 'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event occurredAt task { title } } }';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const rssMb = async () => {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

/** What one subscriber received: its task.updated payloads (event time, receipt time) and error payloads. */
interface Tracked {
  received: { occurredAt: number; receivedAt: number }[];
  errors: number;
}

function track(client: Client, boardId: string): Tracked {
  const tracked: Tracked = { received: [], errors: 0 };
  client.subscribe(
    { query: SUBSCRIPTION, variables: { boardId } },
    {
      next: (result) => {
        const change = result.data?.taskChanged as { event: string; occurredAt: string } | undefined;
        if (result.errors) tracked.errors += 1;
        else if (change?.event === 'task.updated') tracked.received.push({ occurredAt: Date.parse(change.occurredAt), receivedAt: Date.now() });
      },
      error: () => void (tracked.errors += 1),
      complete: () => {},
    },
  );
  return tracked;
}

export async function benchLiveScale(cell: RunningCell, only: (name: string) => boolean): Promise<boolean> {
  type Registered = { userRegister: { session: { accessToken: string } } };
  const session = await graphqlData<Registered>(
    cell.gatewayUrl,
    'mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { accessToken } } }',
    { input: { email: 'bench-live-scale@example.test', name: 'Scale', password: 'Bench-password-1!' } },
  );
  const token = session.userRegister.session.accessToken;
  const call = <T>(query: string, variables: Record<string, unknown>) => graphqlData<T>(cell.gatewayUrl, query, variables, { token });
  const principals = [token];
  for (let i = 0; i < 4; i++) {
    const key = await call<{ apiKeyCreate: { plainKey: string } }>('mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey } }', {
      input: { name: `Watcher ${i}`, scopes: ['tasks:read'] },
    });
    principals.push(key.apiKeyCreate.plainKey);
  }
  let ok = true;
  for (const scenario of liveScaleScenarios.filter((s) => only(s.name))) ok = (await runScenario(cell, call, principals, scenario)) && ok;
  return ok;
}

async function runScenario(
  cell: RunningCell,
  call: <T>(query: string, variables: Record<string, unknown>) => Promise<T>,
  principals: string[],
  scenario: LiveScaleScenario,
): Promise<boolean> {
  const boards: { id: string; task: string }[] = [];
  for (let b = 0; b < scenario.boards; b++) {
    const board = (
      await call<{ boardCreate: { board: { id: string } } }>('mutation($input: BoardCreateInput!) { boardCreate(input: $input) { board { id } } }', {
        input: { name: `${scenario.name} ${b}`, columns: [{ name: 'Todo' }] },
      })
    ).boardCreate.board.id;
    const task = (
      await call<{ taskCreate: { task: { id: string } } }>('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', {
        input: { title: 'start', boardId: board },
      })
    ).taskCreate.task.id;
    boards.push({ id: board, task });
  }
  const baseline = await rssMb();
  const callsBefore = cell.gateway.liveBatchCalls().tasks ?? 0;

  // Subscribers: board b gets subscribers b, b + boards, …; principals take turns.
  const clients: Client[] = [];
  const byBoard = new Map<string, Tracked[]>();
  const connectionsPerPrincipal = new Map<string, Client>();
  const used = new Map<Client, number>();
  for (let i = 0; i < scenario.subscribers; i++) {
    const principal = principals[i % principals.length]!;
    let client = connectionsPerPrincipal.get(principal);
    if (!client || used.get(client)! >= PER_CONNECTION) {
      client = liveClient(cell.gatewayUrl, principal);
      clients.push(client);
      used.set(client, 0);
      connectionsPerPrincipal.set(principal, client);
    }
    used.set(client, used.get(client)! + 1);
    const board = boards[i % boards.length]!;
    const list = byBoard.get(board.id) ?? [];
    list.push(track(client, board.id));
    byBoard.set(board.id, list);
  }
  while (cell.gateway.liveStats().subscriptions < scenario.subscribers) await new Promise((resolve) => setTimeout(resolve, 20));
  const open = await rssMb();

  // Changes at a fixed rate (open loop: a slow mutation does not slow the schedule).
  const total = Math.round(scenario.eventsPerSecond * SECONDS);
  const expectedPerBoard = new Map<string, number>();
  const mutationMs: number[] = [];
  let failedMutations = 0;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / scenario.eventsPerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const board = boards[n % boards.length]!;
    expectedPerBoard.set(board.id, (expectedPerBoard.get(board.id) ?? 0) + 1);
    const sent = performance.now();
    sends.push(
      call('mutation($input: TaskUpdateInput!) { taskUpdate(input: $input) { task { id } } }', { input: { id: board.task, title: `e${n}` } }).then(
        () => void mutationMs.push(performance.now() - sent),
        () => void (failedMutations += 1),
      ),
    );
  }
  await Promise.all(sends);
  const sentSeconds = (performance.now() - started) / 1000;

  // Every subscriber of a board expects each of its events; a mutation that failed at the gateway
  // (a timeout) may still have committed, so its events may or may not come.
  const perBoard = scenario.subscribers / scenario.boards;
  let expected = 0;
  for (const [board, subscribers] of byBoard) expected += (expectedPerBoard.get(board) ?? 0) * subscribers.length;
  const expectedAtLeast = expected - failedMutations * perBoard;
  const all = [...byBoard.values()].flat();
  const delivered = () => all.reduce((sum, s) => sum + s.received.length, 0);
  // Wait for stragglers until nothing new arrives for 3 s.
  for (let last = -1; delivered() !== last && delivered() < expected;) {
    last = delivered();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  const errors = all.reduce((sum, s) => sum + s.errors, 0);
  const latencies = all.flatMap((s) => s.received.map((r) => r.receivedAt - r.occurredAt));
  const calls = (cell.gateway.liveBatchCalls().tasks ?? 0) - callsBefore;
  for (const client of clients) await client.dispose();
  while (cell.gateway.liveStats().connections > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const closed = await rssMb();
  const stats = cell.gateway.liveStats();

  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : NaN);
  mutationMs.sort((a, b) => a - b);
  const mAt = (q: number) => (mutationMs.length ? mutationMs[Math.min(mutationMs.length - 1, Math.floor(q * mutationMs.length))]! : NaN);
  const got = delivered();
  const checks = {
    delivered: got >= expectedAtLeast && got <= expected,
    p99: at(0.99) <= scenario.maxP99Ms,
    mutations: failedMutations === 0,
    memory: closed <= baseline * (1 + MAX_RSS_GROWTH) && stats.groups === 0 && stats.channels === 0,
  };
  const pass = Object.values(checks).every(Boolean);
  const mark = (b: boolean) => (b ? 'ok' : 'FAIL');
  console.log(
    `${pass ? 'PASS' : 'FAIL'}  live ${scenario.name}: ${scenario.subscribers} subscribers over ${scenario.boards} board(s), ${total} changes at ${scenario.eventsPerSecond}/s (sent in ${sentSeconds.toFixed(1)} s)`,
  );
  console.log(
    `      delivered ${got}/${expected}${failedMutations ? ` (≥ ${expectedAtLeast} with the failed mutations)` : ''} [${mark(checks.delivered)}]   error payloads ${errors}`,
  );
  console.log(
    `      publish→receive p50 ${at(0.5).toFixed(0)} ms   p99 ${at(0.99).toFixed(0)} ms (target ≤ ${scenario.maxP99Ms}) [${mark(checks.p99)}]   max ${at(1).toFixed(0)} ms`,
  );
  console.log(`      mutations p50 ${mAt(0.5).toFixed(0)} ms   p99 ${mAt(0.99).toFixed(0)} ms   failed ${failedMutations} [${mark(checks.mutations)}]`);
  console.log(`      tasks subgraph calls per event ${(calls / Math.max(1, total - failedMutations)).toFixed(2)} (${calls} live batches)`);
  console.log(
    `      process RSS ${baseline.toFixed(0)} MB before → ${open.toFixed(0)} MB open → ${closed.toFixed(0)} MB after close (target ≤ +${MAX_RSS_GROWTH * 100}%) [${mark(checks.memory)}]; ${stats.groups} groups, ${stats.channels} channels left\n`,
  );
  return pass;
}
