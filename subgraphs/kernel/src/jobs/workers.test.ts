import { describe, expect, it } from 'vitest';
import { platformEnv } from '../server/platform.js';
import { lockOptions } from './workers.js';

/*
 * Issue 11, finding 10: with BullMQ's defaults (a 30 s lock, a stalled-job check every 30 s) a
 * crashed worker's job waited about a minute — a lock plus up to two checks — for a worker to take
 * it over. The fault test (scripts/test/worker-crash.fault.test.ts) measures the recovery; this
 * pins the settings that make it take seconds.
 */
describe('job lock settings', () => {
  const settings = lockOptions(platformEnv.parse({ REDIS_URL: 'redis://127.0.0.1:6379', CELL_NAME: 'test' }).WORKER_LOCK_MS);

  it('hold a crashed worker’s jobs for seconds by default, not half a minute', () => {
    expect(settings.lockDuration).toBeLessThanOrEqual(10_000);
  });

  it('look for stalled jobs several times per lock, so a job is taken over soon after its lock ran out', () => {
    expect(settings.stalledInterval).toBeLessThanOrEqual(settings.lockDuration / 4);
  });

  it('give a worker that stalled once (a blocked event loop) another chance before its job fails', () => {
    expect(settings.maxStalledCount).toBeGreaterThanOrEqual(2);
  });
});
