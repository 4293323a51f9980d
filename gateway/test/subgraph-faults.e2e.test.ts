import { readFileSync } from 'node:fs';
import { AccessTokenIssuer, generateSigningKeyPair } from '@cellgraph/kernel/core';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../scripts/testing/cell-harness.js';
import { RedisServer, startProcessCell, waitFor, type ManagedProcess, type ProcessCell } from '../../scripts/testing/fault-harness.js';

/*
 * A cell as separate processes (identity alone, tasks alone, the rest together) whose hosts are
 * killed and frozen: the gateway keeps serving what it can. Latencies are logged, not asserted.
 */

const SUBGRAPH_TIMEOUT_MS = 8_000;
const BREAKER_FAILURES = 3;
const BREAKER_COOLDOWN_MS = 5_000;
const GATEWAY_ENV = {
  SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
  SUBGRAPH_BREAKER_FAILURES: String(BREAKER_FAILURES),
  SUBGRAPH_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
  JWKS_REFRESH_MS: '500',
};
const HANG_GUARD = 180_000;

interface Ready {
  status: string;
  subgraphs: Record<string, { breaker: string; consecutiveFailures: number }>;
  accessTokenKeys: { status: string; ageMs: number | null; identityUnreachable: boolean };
}

let redis: RedisServer;
let cell: ProcessCell;
let alice: TestUser;
let base: string;

beforeAll(async () => {
  redis = await RedisServer.start();
  cell = await startProcessCell({ redisUrl: redis.url, hosts: [['identity'], ['tasks'], ['crm', 'collaboration', 'notifications']], gatewayEnv: GATEWAY_ENV });
  base = cell.gatewayUrl.replace(/\/graphql$/, '');
  alice = await cell.signUp('Alice');
}, HANG_GUARD);

afterAll(async () => {
  await cell?.stop();
  await redis?.stop();
});

async function ready(): Promise<{ status: number; body: Ready }> {
  const response = await fetch(`${base}/health/ready`);
  return { status: response.status, body: (await response.json()) as Ready };
}

async function subgraphHealth(): Promise<Record<string, { status: string; breaker: string }>> {
  const response = await fetch(`${base}/health/subgraphs`);
  return ((await response.json()) as { subgraphs: Record<string, { status: string; breaker: string }> }).subgraphs;
}

/** A query and how long its answer took. */
async function timed(query: string, token = alice.token) {
  const started = performance.now();
  const result = await cell.gql(query, {}, token);
  return { result, ms: Math.round(performance.now() - started) };
}

/** SIGSTOPped: its state in /proc is T (stopped). */
function isFrozen(process: ManagedProcess): boolean {
  return readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1]!.startsWith('T');
}

const errorCodes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((error) => error.extensions?.code);

describe('identity down', () => {
  it(
    'keeps accepting valid access tokens with the last keys, answers unknown keys SERVICE_UNAVAILABLE, and is normal again once identity is back',
    async () => {
      // A well-formed token of Alice's, signed by a key identity never published.
      const claims = decodeJwt(alice.token);
      const stranger = await AccessTokenIssuer.create((await generateSigningKeyPair('never-published')).privateJwk, 900);
      const unknownKidToken = (await stranger.issue({ userId: claims.sub!, orgId: claims.org as string, sessionId: claims.sid as string, generation: 0 }))
        .token;
      expect((await cell.gql('{ tasks { totalCount } }', {}, alice.token)).data).toEqual({ tasks: { totalCount: 0 } });

      const identity = cell.hostOf('identity');
      await identity.kill();
      try {
        const killedAt = performance.now();
        // Past the keys' refresh time (500 ms), with the refetch failing: every answer is still served.
        let answered = 0;
        await waitFor(async () => {
          const result = await cell.gql('{ tasks { totalCount } }', {}, alice.token);
          expect(result.status).toBe(200);
          expect(result.data).toEqual({ tasks: { totalCount: 0 } });
          answered += 1;
          const { accessTokenKeys } = (await ready()).body;
          return Boolean(accessTokenKeys?.identityUnreachable && accessTokenKeys.status === 'stale' && accessTokenKeys.ageMs! > 3_000);
        }, 'the gateway to keep serving on stale keys');
        const { body } = await ready();
        console.log(
          `[identity down] ${answered} requests with a valid token answered in ${Math.round(performance.now() - killedAt)} ms after the kill; keys ${body.accessTokenKeys.ageMs} ms old (refresh 500 ms)`,
        );
        expect(body.status).toBe('ok');

        const { result: unknown, ms: unknownMs } = await timed('{ tasks { totalCount } }', unknownKidToken);
        console.log(`[identity down] token with an unknown key: HTTP ${unknown.status} ${errorCodes(unknown).join()} in ${unknownMs} ms`);
        expect(unknown.status).toBe(503);
        expect(errorCodes(unknown)).toEqual(['SERVICE_UNAVAILABLE']);
        // The keys are still republished (stale) for other verifiers.
        const published = await fetch(`${base}/.well-known/jwks.json`);
        expect(published.status).toBe(200);
      } finally {
        await identity.start();
      }
      const restartedAt = performance.now();
      await waitFor(async () => {
        expect((await cell.gql('{ tasks { totalCount } }', {}, alice.token)).status).toBe(200);
        return (await ready()).body.accessTokenKeys?.status === 'fresh';
      }, 'the keys to be fetched again');
      console.log(`[identity down] keys fresh again ${Math.round(performance.now() - restartedAt)} ms after identity answered /health/live`);
      expect((await cell.gql('{ me { id } }', {}, alice.token)).data).toEqual({ me: { id: expect.any(String) } });
      // Identity answers again: a key it does not publish is bad credentials.
      const refused = await cell.gql('{ tasks { totalCount } }', {}, unknownKidToken);
      expect(refused.status).toBe(401);
      expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    },
    HANG_GUARD,
  );
});

describe('a subgraph hangs', () => {
  const QUERY = '{ me { id } tasks { totalCount } }';

  it(
    'opens its breaker after consecutive timeouts: its fields fail at once while it is still frozen; thawed, a probe closes it',
    async () => {
      const healthy = await timed(QUERY);
      expect(healthy.result.data).toEqual({ me: { id: expect.any(String) }, tasks: { totalCount: 0 } });
      const tasks = cell.hostOf('tasks');
      tasks.freeze();
      try {
        // Closed breaker: each request waits for the subgraph timeout.
        const slow = await Promise.all(Array.from({ length: BREAKER_FAILURES }, () => timed(QUERY)));
        for (const { result } of slow) {
          expect(result.data).toEqual({ me: { id: expect.any(String) }, tasks: null });
          expect(errorCodes(result)).toEqual(['SERVICE_UNAVAILABLE']);
        }
        const afterOpening = await ready();

        const fast = await timed(QUERY);
        const frozen = isFrozen(tasks);
        console.log(
          `[tasks frozen] healthy ${healthy.ms} ms; breaker closed: ${slow.map((s) => s.ms).join(', ')} ms (SUBGRAPH_TIMEOUT_MS ${SUBGRAPH_TIMEOUT_MS}); breaker open: ${fast.ms} ms`,
        );
        expect(afterOpening.body.subgraphs.tasks).toEqual({ breaker: 'open', consecutiveFailures: BREAKER_FAILURES });
        // Answered while tasks is still frozen and its breaker open: the answer cannot have waited for it.
        expect(frozen).toBe(true);
        expect((await ready()).body.subgraphs.tasks.breaker).toBe('open');
        expect(fast.result.status).toBe(200);
        expect(fast.result.data).toEqual({ me: { id: expect.any(String) }, tasks: null });
        expect(fast.result.errors).toEqual([
          {
            message: 'A service needed for this field is unavailable',
            extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number), requestId: expect.any(String) },
          },
        ]);
      } finally {
        tasks.thaw();
      }
      const thawedAt = performance.now();
      let recovered: Awaited<ReturnType<typeof timed>> | undefined;
      await waitFor(async () => {
        const attempt = await timed(QUERY);
        if (attempt.result.data?.tasks) recovered = attempt;
        return Boolean(recovered);
      }, 'tasks to answer again');
      expect((await ready()).body.subgraphs.tasks).toEqual({ breaker: 'closed', consecutiveFailures: 0 });
      console.log(
        `[tasks frozen] thawed: tasks answered again ${Math.round(performance.now() - thawedAt)} ms later (cool-down ${BREAKER_COOLDOWN_MS} ms), that answer in ${recovered!.ms} ms`,
      );
    },
    HANG_GUARD,
  );
});

describe('a subgraph host is down', () => {
  it(
    'leaves the gateway ready, reporting that subgraph as down',
    async () => {
      const tasks = cell.hostOf('tasks');
      await tasks.kill();
      const killedAt = performance.now();
      try {
        const { status, body } = await ready();
        expect(status).toBe(200);
        expect(body.status).toBe('ok');
        expect((await subgraphHealth()).tasks).toMatchObject({ status: 'failing' });
        expect((await subgraphHealth()).crm).toMatchObject({ status: 'ok' });
        // Requests find it refused: its breaker opens, which readiness reports, still 200.
        const latencies: number[] = [];
        for (let i = 0; i < BREAKER_FAILURES + 1; i++) {
          const { result, ms } = await timed('{ me { id } tasks { totalCount } }');
          expect(result.data).toEqual({ me: { id: expect.any(String) }, tasks: null });
          latencies.push(ms);
        }
        console.log(`[tasks killed] /health/ready ${status}; partial answers in ${latencies.join(', ')} ms (the last with the breaker open)`);
        const open = await ready();
        expect(open.status).toBe(200);
        expect(open.body.subgraphs.tasks.breaker).toBe('open');
        expect(open.body.subgraphs.crm.breaker).toBe('closed');
      } finally {
        await tasks.start();
      }
      await waitFor(async () => (await subgraphHealth()).tasks!.status === 'ok', 'tasks to be ready again');
      const restartedAt = performance.now();
      await waitFor(async () => Boolean((await cell.gql('{ tasks { totalCount } }', {}, alice.token)).data?.tasks), 'tasks to answer again');
      console.log(
        `[tasks killed] down ${Math.round(restartedAt - killedAt)} ms; tasks answered again ${Math.round(performance.now() - restartedAt)} ms after its host was ready (cool-down ${BREAKER_COOLDOWN_MS} ms)`,
      );
    },
    HANG_GUARD,
  );
});
