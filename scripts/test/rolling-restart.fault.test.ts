import { readSentEmails } from '@cellgraph/kernel';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/cell-harness.js';
import { RedisServer, startProcessCell, waitFor, type ManagedProcess, type ProcessCell } from '../testing/fault-harness.js';
import type { HttpBalancer } from '../testing/http-balancer.js';

/*
 * Issue 13: rolling restarts under load lose nothing. The `core` cell (identity) runs two host
 * replicas and two gateway replicas, each pair behind an HttpBalancer that routes by readiness (as a
 * load balancer does). While clients keep reading and inviting people (each invitation queues an
 * e-mail job, run by the hosts' e-mail workers), each replica in turn gets SIGTERM, exits 0 and is
 * started again. Every request must get a complete, error-free answer, and every e-mail must be sent
 * exactly once. SHUTDOWN_DRAIN_DELAY_MS exceeds the balancers' readiness period (100 ms).
 */

const CLIENTS = 3;
/** How long `stop` waits for an exit before SIGKILL: past the processes' SHUTDOWN_TIMEOUT_MS. */
const STOP_WAIT_MS = 60_000;
const LIFECYCLE_ENV = { SHUTDOWN_DRAIN_DELAY_MS: '600', SHUTDOWN_TIMEOUT_MS: '10000', WORKER_LOCK_MS: '2000' };
const READ = '{ organization { apiKeys { totalCount } } }';
const INVITE = 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { invitation { email } userErrors { code message } } }';

let redis: RedisServer;
let cell: ProcessCell;
let owner: TestUser;

beforeAll(async () => {
  redis = await RedisServer.start();
  cell = await startProcessCell({ redisUrl: redis.url, cell: 'core', hostReplicas: 2, gatewayReplicas: 2, env: LIFECYCLE_ENV });
  owner = await cell.signUp('Owner');
}, 180_000);

afterAll(async () => {
  await cell?.stop();
  await redis?.stop();
});

interface Outcome {
  kind: 'read' | 'invite';
  email?: string;
  ok: boolean;
  detail: string;
}

/** Clients sending reads and invitations back to back until `stop` is called. */
function startLoad() {
  const outcomes: Outcome[] = [];
  let running = true;
  let sequence = 0;
  const client = async (id: number) => {
    while (running) {
      const invite = sequence++ % 2 === 1;
      const email = `rolling-${id}-${sequence}@example.test`;
      try {
        const result = invite
          ? await cell.gql<{ invitationCreate: { invitation: { email: string } | null; userErrors: unknown[] } }>(
              INVITE,
              { input: { email, role: 'MEMBER' } },
              owner.token,
            )
          : await cell.gql<{ organization: { apiKeys: { totalCount: number } } }>(READ, {}, owner.token);
        const ok = invite
          ? result.status === 200 && !result.errors && (result.data as { invitationCreate?: { invitation?: unknown } })?.invitationCreate?.invitation != null
          : result.status === 200 && !result.errors && (result.data as { organization?: unknown })?.organization != null;
        outcomes.push({ kind: invite ? 'invite' : 'read', email: invite ? email : undefined, ok, detail: ok ? '' : JSON.stringify(result) });
      } catch (error) {
        outcomes.push({ kind: invite ? 'invite' : 'read', ok: false, detail: String(error) });
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** SIGTERM to each replica in turn: it must exit 0; it starts again and the balancer routes to it before the next one goes. */
async function rollingRestart(replicas: ManagedProcess[], balancer: HttpBalancer, load: ReturnType<typeof startLoad>): Promise<void> {
  for (const replica of replicas) {
    const before = load.outcomes.length;
    expect(await replica.stop(STOP_WAIT_MS), `${replica.name}'s exit code\n${replica.log}`).toBe(0);
    await replica.start();
    await waitFor(() => balancer.readyBackends.length === replicas.length, 'the balancer to route to the restarted replica');
    // The other replica served meanwhile.
    await waitFor(() => load.outcomes.length > before + 10, 'requests after the restart');
  }
}

const balancerOf = (url: string) => cell.balancers.find((balancer) => url.startsWith(balancer.url))!;

describe('a rolling restart under load', () => {
  // 300 s: a hang guard, not a budget (four processes restarted one by one, on a machine the other fault test keeps busy).
  it('of the subgraph hosts, then of the gateways, loses no request and no e-mail job, and runs none twice', async () => {
    const hostBalancer = cell.balancers.find((balancer) => balancer !== balancerOf(cell.gatewayUrl))!;
    const load = startLoad();
    try {
      await waitFor(() => load.outcomes.length > 10, 'load to flow');
      await rollingRestart(cell.replicasOf('identity'), hostBalancer, load);
      await rollingRestart(cell.gateways, balancerOf(cell.gatewayUrl), load);
    } finally {
      await load.stop();
    }

    const failed = load.outcomes.filter((outcome) => !outcome.ok);
    // A failure's cause is in the processes' logs: every line naming a failed request's id, and the last warnings and errors.
    const failedIds = failed.flatMap((outcome) => [...outcome.detail.matchAll(/"requestId":"([0-9a-f-]{36})"/g)].map((match) => match[1]!));
    const logged = () =>
      [...cell.replicasOf('identity'), ...cell.gateways].flatMap((process) =>
        process.log
          .split('\n')
          .filter((line) => failedIds.some((id) => line.includes(id)) || /"level":"(error|fatal)"/.test(line))
          .slice(-10)
          .map((line) => `${process.name}: ${line.slice(0, 3000)}`),
      );
    expect(failed.slice(0, 3), `${failed.length} of ${load.outcomes.length} requests failed; logged:\n${failed.length ? logged().join('\n') : ''}`).toEqual([]);
    const invited = load.outcomes.filter((outcome) => outcome.kind === 'invite').map((outcome) => outcome.email!);
    expect(invited.length).toBeGreaterThan(10);

    // Every invitation's e-mail job ran exactly once.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const email = new Queue('email', { connection, prefix: cell.keyPrefix });
    try {
      await waitFor(
        async () => Object.values(await email.getJobCounts('waiting', 'active', 'delayed', 'prioritized')).every((n) => n === 0),
        'the e-mail queue to drain',
      );
    } finally {
      await email.close();
      connection.disconnect();
    }
    await waitFor(() => invited.every((address) => readSentEmails(cell.emailDir).some((mail) => mail.to === address)), 'every invitation e-mail');
    const counts = new Map<string, number>();
    for (const mail of readSentEmails(cell.emailDir)) counts.set(mail.to, (counts.get(mail.to) ?? 0) + 1);
    expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
    // Both replicas of each pair served.
    for (const balancer of [hostBalancer, balancerOf(cell.gatewayUrl)]) expect(balancer.routed.size).toBe(2);
    console.log(
      `[rolling restart] ${load.outcomes.length} requests (${invited.length} invitations), all answered; routed: ${JSON.stringify(Object.fromEntries([...hostBalancer.routed, ...balancerOf(cell.gatewayUrl).routed]))}`,
    );
  }, 300_000);
});
