import { liveEventChannel } from '@cellgraph/kernel/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisServer, startProcessCell, waitFor, type ProcessCell } from '../../scripts/testing/fault-harness.js';
import type { TestUser } from '../../scripts/testing/cell-harness.js';
import { liveClient, subscribe } from '../../scripts/testing/live-client.js';

/*
 * Redis faults on a cell run as processes, with a private redis-server: while Redis is frozen
 * (SIGSTOP: connections open, no answers) or stopped, every request is answered —
 * SERVICE_UNAVAILABLE, or a deliberate degraded success — while Redis is still down; once it is
 * back, requests succeed again without restarting anything. Revocations (sign-out, sign-out
 * everywhere, deactivation) survive an empty restart of Redis: identity's tables are the record.
 * Figures (latencies, time to recovery) are logged, not asserted.
 */

const HANG_GUARD_MS = 60_000;
const ME = '{ me { id } }';
const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { session { accessToken } userErrors { code } } }`;
const CREATE_KEY = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { plainKey userErrors { code } } }`;

let redis: RedisServer;
let cell: ProcessCell;
let user: TestUser;
let apiKey: string;

beforeAll(async () => {
  redis = await RedisServer.start();
  cell = await startProcessCell({
    redisUrl: redis.url,
    hosts: [['identity'], ['tasks', 'crm', 'collaboration', 'notifications']],
    // WebSocket credentials are checked again every half second; the gateway's warnings are kept (cell.gateway.log).
    gatewayEnv: { SUBSCRIPTION_REVALIDATE_MS: '500', LOG_LEVEL: 'warn' },
  });
  user = await cell.signUp('Outage');
  const created = await cell.gql(CREATE_KEY, { input: { name: 'Outage probe', scopes: ['tasks:read'] } }, user.token);
  apiKey = created.data!.apiKeyCreate.plainKey;
}, 120_000);

// Each test starts from a healthy cell, also after one that failed mid-outage.
beforeEach(async () => {
  await waitFor(async () => (await request('user')).status === 200 && (await request('sign-in')).status === 200, 'the cell to be healthy');
});

afterAll(async () => {
  redis?.thaw();
  await cell?.stop();
  await redis?.stop();
});

type Caller = 'user' | 'api key' | 'anonymous' | 'sign-in';
interface Outcome {
  caller: Caller;
  status: number | 'hung';
  code: string | null;
  ms: number;
}

/**
 * One request with a hang guard (a request that gets no answer within it counts as hung): `me` as
 * the user, `__typename` with the API key and anonymously, or a sign-in (identity's login throttle
 * is in Redis).
 */
async function request(caller: Caller): Promise<Outcome> {
  const started = performance.now();
  const authorization = caller === 'user' ? `Bearer ${user.token}` : caller === 'api key' ? `Bearer ${apiKey}` : undefined;
  const payload =
    caller === 'sign-in'
      ? { query: SIGN_IN, variables: { input: { email: user.email, password: user.password } } }
      : { query: caller === 'user' ? ME : '{ __typename }' };
  try {
    const response = await fetch(cell.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(HANG_GUARD_MS),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { caller, status: response.status, code: body.errors?.[0]?.extensions?.code ?? null, ms: performance.now() - started };
  } catch {
    return { caller, status: 'hung', code: null, ms: performance.now() - started };
  }
}

/**
 * Requests during an outage: one per caller at once (they detect it), then `count` per caller one
 * after another (each one's own latency), then `count` per caller all at once (a burst).
 */
async function duringOutage(count: number): Promise<{ detection: Outcome[]; sequential: Outcome[]; burst: Outcome[] }> {
  const callers: Caller[] = ['user', 'api key', 'anonymous', 'sign-in'];
  const detection = await Promise.all(callers.map((caller) => request(caller)));
  for (const outcome of detection) expect(outcome.status, `${outcome.caller} request hung`).not.toBe('hung');
  const sequential: Outcome[] = [];
  for (let i = 0; i < count; i++) for (const caller of callers) sequential.push(await request(caller));
  // Bursts leave sign-ins out: the throttle would refuse them on a healthy Redis too.
  return { detection, sequential, burst: await burst(count) };
}

/** `count` requests per caller, all at once. */
function burst(count: number): Promise<Outcome[]> {
  const callers: Caller[] = ['user', 'api key', 'anonymous'];
  return Promise.all(callers.flatMap((caller) => Array.from({ length: count }, () => request(caller))));
}

function summarize(label: string, outcomes: Outcome[]): void {
  const groups = new Map<string, number[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.caller} → ${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), outcome.ms]);
  }
  for (const [key, times] of groups) {
    const sorted = times.sort((a, b) => a - b);
    console.log(
      `[redis-outage] ${label}: ${key}: ${times.length} requests, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  }
}

/**
 * What each caller may get during an outage: users are served (the gateway checks revocations
 * against identity's list instead of the cache), so are API keys and anonymous callers; a sign-in
 * gets SERVICE_UNAVAILABLE from identity (its throttle fails closed; 503, as nothing could be served).
 */
function expectAnsweredDeliberately(outcomes: Outcome[]): void {
  for (const outcome of outcomes) {
    expect(outcome.status, `${outcome.caller} request hung`).not.toBe('hung');
    const expected = { user: [200, null], 'sign-in': [503, 'SERVICE_UNAVAILABLE'], 'api key': [200, null], anonymous: [200, null] }[outcome.caller];
    expect([outcome.caller, outcome.status, outcome.code]).toEqual([outcome.caller, ...expected]);
  }
}

/** Time from `since` until an authenticated request succeeds again. */
async function recovery(since: number): Promise<number> {
  await waitFor(async () => (await request('user')).status === 200, 'authenticated requests to succeed again');
  return performance.now() - since;
}

describe('a Redis outage', () => {
  it('frozen Redis (SIGSTOP): every request is answered while it is still frozen; thawed, requests succeed again', async () => {
    summarize('healthy, a burst (for comparison)', await burst(20));
    redis.freeze();
    let outcomes;
    try {
      // Redis is thawed only once every request has its answer (or hung past the guard).
      outcomes = await duringOutage(20);
    } finally {
      redis.thaw();
    }
    const thawedAt = performance.now();
    const { detection, sequential, burst: during } = outcomes;
    summarize('frozen, detection', detection);
    summarize('frozen, after detection, one at a time', sequential);
    summarize('frozen, after detection, a burst', during);
    expectAnsweredDeliberately([...detection, ...sequential, ...during]);
    console.log(`[redis-outage] frozen: authenticated requests succeed again ${(await recovery(thawedAt)).toFixed(0)} ms after the thaw`);
  }, 180_000);

  it('stopped Redis (connection refused): every request is answered while it is down; started again (empty), requests succeed again', async () => {
    expect((await request('user')).status).toBe(200);
    await redis.stop();
    let outcomes;
    try {
      outcomes = await duringOutage(20);
    } finally {
      await redis.startAgain();
    }
    const startedAt = performance.now();
    const { detection, sequential, burst: during } = outcomes;
    summarize('stopped, detection', detection);
    summarize('stopped, after detection, one at a time', sequential);
    summarize('stopped, after detection, a burst', during);
    expectAnsweredDeliberately([...detection, ...sequential, ...during]);
    console.log(`[redis-outage] stopped: authenticated requests succeed again ${(await recovery(startedAt)).toFixed(0)} ms after Redis started again (empty)`);
  }, 180_000);
});

describe('revocations after Redis restarts empty', () => {
  const signIn = async (account: TestUser) =>
    (await cell.gql(SIGN_IN, { input: { email: account.email, password: account.password } })).data!.sessionCreate.session.accessToken as string;
  const status = async (token: string) => {
    const result = await cell.gql(ME, {}, token);
    return [result.status, result.errors?.[0]?.extensions?.code ?? null];
  };

  it('signed-out sessions, signed-out-everywhere users and deactivated accounts stay refused; valid tokens still work', async () => {
    const signedOut = await cell.signUp('Signed out');
    const otherDevice = await signIn(signedOut);
    expect((await cell.gql('mutation { sessionRevoke { revokedSessionCount } }', {}, signedOut.token)).data!.sessionRevoke.revokedSessionCount).toBe(1);

    const everywhere = await cell.signUp('Everywhere');
    const everywhereOther = await signIn(everywhere);
    expect((await cell.gql('mutation { sessionRevokeAll { revokedSessionCount } }', {}, everywhere.token)).data!.sessionRevokeAll.revokedSessionCount).toBe(2);
    const everywhereAfter = await signIn(everywhere);

    const deactivated = await cell.signUp('Deactivated');
    const deactivate = 'mutation($input: AccountDeactivateInput!) { accountDeactivate(input: $input) { userErrors { code } } }';
    expect((await cell.gql(deactivate, { input: { password: deactivated.password } }, deactivated.token)).data!.accountDeactivate.userErrors).toEqual([]);

    const revoked = {
      'signed-out session': signedOut.token,
      'signed out everywhere': everywhere.token,
      'other device, signed out everywhere': everywhereOther,
      deactivated: deactivated.token,
    };
    const valid = { 'other device of the signed-out user': otherDevice, 'signed in after signing out everywhere': everywhereAfter };
    for (const token of Object.values(revoked)) expect(await status(token)).toEqual([401, 'UNAUTHENTICATED']);
    for (const token of Object.values(valid)) expect(await status(token)).toEqual([200, null]);

    await redis.restartEmpty();
    const restartedAt = performance.now();
    await waitFor(async () => (await status(otherDevice))[0] === 200, 'a valid token to work after the restart');
    console.log(`[redis-outage] empty restart: valid tokens work again ${(performance.now() - restartedAt).toFixed(0)} ms after Redis restarted`);

    for (const [what, token] of Object.entries(revoked)) expect([what, ...(await status(token))]).toEqual([what, 401, 'UNAUTHENTICATED']);
    for (const [what, token] of Object.entries(valid)) expect([what, ...(await status(token))]).toEqual([what, 200, null]);
  }, 180_000);

  it('while Redis is down, earlier sign-outs stay refused and a sign-out made meanwhile takes effect; both survive its empty restart', async () => {
    const before = await cell.signUp('Signed out before');
    await cell.gql('mutation { sessionRevoke { revokedSessionCount } }', {}, before.token);
    const during = await cell.signUp('Signs out during');
    const otherDevice = await signIn(during);

    await redis.stop();
    try {
      expect(await status(before.token)).toEqual([401, 'UNAUTHENTICATED']);
      expect(await status(during.token)).toEqual([200, null]);
      const revoked = await cell.gql('mutation { sessionRevoke { revokedSessionCount } }', {}, during.token);
      expect(revoked.data!.sessionRevoke.revokedSessionCount).toBe(1);
      const revokedAt = performance.now();
      await waitFor(async () => (await status(during.token))[0] === 401, 'the sign-out to take effect while Redis is down');
      console.log(`[redis-outage] stopped: a sign-out takes effect ${(performance.now() - revokedAt).toFixed(0)} ms after it committed`);
      expect(await status(otherDevice)).toEqual([200, null]);
    } finally {
      await redis.startAgain();
    }
    await waitFor(async () => (await status(otherDevice))[0] === 200, 'a valid token to work after the restart');
    expect(await status(before.token)).toEqual([401, 'UNAUTHENTICATED']);
    expect(await status(during.token)).toEqual([401, 'UNAUTHENTICATED']);
  }, 180_000);
});

describe('live subscriptions during a Redis outage', () => {
  const BOARD = 'mutation($input: BoardCreateInput!) { boardCreate(input: $input) { board { id } } }';
  const TASK = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }';
  const CHANGES = 'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event task { title } } }';

  it('stay open while Redis is stopped (revalidation decides from identity: a socket signed out meanwhile is closed) and deliver again once it is back', async () => {
    const boardId = (await cell.gql(BOARD, { input: { name: 'Live', columns: [{ name: 'Todo' }] } }, user.token)).data!.boardCreate.board.id as string;
    const channel = liveEventChannel(cell.keyPrefix, Buffer.from(user.organizationId, 'base64url').toString().split(':')[1]!);
    const listening = async () => {
      const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        return Number(((await probe.pubsub('NUMSUB', channel)) as [string, number])[1]) > 0;
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    };
    const client = liveClient(cell.gatewayUrl, user.token);
    const secondSession = (await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate.session
      .accessToken as string;
    const signedOutClient = liveClient(cell.gatewayUrl, secondSession);
    try {
      const changes = subscribe(client, CHANGES, { boardId });
      let ended = false;
      void changes.ended.then(() => (ended = true));
      await waitFor(listening, 'the gateway to listen to the organization');
      await cell.gql(TASK, { input: { title: 'Before', boardId } }, user.token);
      expect((await changes.next()).data!.taskChanged).toEqual({ event: 'task.created', task: { title: 'Before' } });

      const signedOutChanges = subscribe(signedOutClient, CHANGES, { boardId });
      let signedOutEnded = false;
      void signedOutChanges.ended.then(() => (signedOutEnded = true));
      // The second subscription is live once it receives an event.
      await waitFor(async () => {
        await cell.gql(TASK, { input: { title: 'Both', boardId } }, user.token);
        return signedOutChanges.results.length > 0;
      }, 'the second session to receive events');

      await redis.stop();
      try {
        await cell.gql('mutation { sessionRevoke { revokedSessionCount } }', {}, secondSession);
        await waitFor(() => signedOutEnded, 'the signed-out socket to be closed while Redis is stopped');
      } finally {
        await redis.startAgain();
      }
      expect(ended).toBe(false);
      const startedAt = performance.now();
      await waitFor(listening, 'the gateway to listen again once Redis is back');
      console.log(`[redis-outage] live: the gateway listens again ${(performance.now() - startedAt).toFixed(0)} ms after Redis started again (empty)`);
      // Listening is the gateway's half; the relay and the subgraph answering the event may still be
      // reconnecting, and a live event that cannot be resolved is dropped (live events are of the
      // moment; the outbox delivers to consumers at least once). So changes are made until one arrives.
      const after = (result: (typeof changes.results)[number]) =>
        (result.data?.taskChanged as { task: { title: string } } | undefined)?.task.title.startsWith('After') ?? false;
      let made = 0;
      await waitFor(async () => {
        if (changes.results.some(after)) return true;
        await cell.gql(TASK, { input: { title: `After ${++made}`, boardId } }, user.token);
        await new Promise((resolve) => setTimeout(resolve, 250));
        return changes.results.some(after);
      }, 'an event after the outage');
      console.log(`[redis-outage] live: delivered again after ${made} change(s)`);
      expect(ended).toBe(false);
    } finally {
      await client.dispose();
      await signedOutClient.dispose();
    }
  }, 180_000);
});
