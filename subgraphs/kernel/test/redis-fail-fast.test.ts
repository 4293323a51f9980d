import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, isRedisUnavailable, type Redis } from '../src/index.js';
import { RedisServer, waitFor } from '../src/testing/redis-server.js';

/*
 * A request-path connection (connectRedis) against a private redis-server the test freezes and
 * stops: commands fail with SERVICE_UNAVAILABLE while Redis is still down — after one command
 * timeout for a frozen Redis, at once afterwards and for a stopped one — and work again when Redis
 * is back, on the same connection. Latencies are logged, not asserted.
 */

const HANG_GUARD_MS = 60_000;
let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await RedisServer.start();
  redis = connectRedis(server.url, 'fail-fast-test', 500);
  await redis.set('probe', '1');
});

afterAll(async () => {
  server?.thaw();
  redis?.disconnect();
  await server?.stop();
});

/** One GET: its outcome and how long it took; 'hung' past the guard. */
async function attempt(): Promise<{ outcome: 'ok' | 'unavailable' | 'hung' | string; ms: number }> {
  const started = performance.now();
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), HANG_GUARD_MS)));
  const outcome = await Promise.race([
    redis.get('probe').then(
      () => 'ok',
      (error: unknown) => (isRedisUnavailable(error) && error.extensions.code === 'SERVICE_UNAVAILABLE' ? 'unavailable' : String(error)),
    ),
    hung,
  ]);
  clearTimeout(guard);
  return { outcome, ms: performance.now() - started };
}

const log = (label: string, attempts: { outcome: string; ms: number }[]) =>
  console.log(`[redis-fail-fast] ${label}: ${attempts.map((a) => `${a.outcome} ${a.ms.toFixed(0)} ms`).join(', ')}`);

describe('connectRedis', () => {
  it('fails fast while Redis is frozen (after one command timeout) and works again once thawed', async () => {
    server.freeze();
    const attempts = [];
    try {
      for (let i = 0; i < 5; i++) attempts.push(await attempt());
    } finally {
      server.thaw();
    }
    log('frozen', attempts);
    expect(attempts.map((a) => a.outcome)).toEqual(Array(5).fill('unavailable'));
    const thawed = performance.now();
    await waitFor(async () => (await attempt()).outcome === 'ok', 'Redis to answer after the thaw');
    console.log(`[redis-fail-fast] frozen: answers again ${(performance.now() - thawed).toFixed(0)} ms after the thaw`);
  }, 120_000);

  it('fails fast while Redis is stopped and works again once it is started', async () => {
    await server.stop();
    const attempts = [];
    try {
      for (let i = 0; i < 5; i++) attempts.push(await attempt());
    } finally {
      await server.startAgain();
    }
    log('stopped', attempts);
    expect(attempts.map((a) => a.outcome)).toEqual(Array(5).fill('unavailable'));
    const started = performance.now();
    await waitFor(async () => (await attempt()).outcome === 'ok', 'Redis to answer after it started again');
    console.log(`[redis-fail-fast] stopped: answers again ${(performance.now() - started).toFixed(0)} ms after it started again`);
  }, 120_000);
});
