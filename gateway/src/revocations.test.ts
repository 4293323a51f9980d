import { randomUUID } from 'node:crypto';
import { TokenRevocations, type RevokedTokens } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { RevocationCheck } from './revocations.js';
import type { SubgraphCaller } from './subgraph-call.js';

const redis = new Redis(TEST_REDIS_URL);
let prefix: string;
let cache: TokenRevocations;

beforeEach(() => {
  prefix = `revocations-test:${randomUUID()}`;
  cache = new TokenRevocations(redis, prefix);
});

afterAll(async () => {
  const keys = await redis.keys('revocations-test:*');
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** Identity as the gateway calls it: its tables hold `revoked`; a rebuild fails while `rebuildFails`. */
function identity(revoked: RevokedTokens, options: { rebuildFails?: boolean; listFails?: boolean } = {}) {
  const calls: string[] = [];
  const caller = {
    async call(_subgraph: string, _context: unknown, query: string) {
      if (query.includes('_revocationCacheRebuild')) {
        calls.push('rebuild');
        if (options.rebuildFails) return { errors: [{ message: 'Redis is unavailable' }] };
        await cache.rebuild(revoked);
        return { data: { _revocationCacheRebuild: true } };
      }
      calls.push('recent');
      if (options.listFails) throw new Error('identity answered 503');
      return { data: { _revokedTokens: revoked } };
    },
  };
  return { caller: caller as unknown as SubgraphCaller, calls };
}

const signedOut = { sessionId: 'session-out', userId: 'user-1', generation: 1 };
const signedIn = { sessionId: 'session-in', userId: 'user-1', generation: 1 };
const oldGeneration = { sessionId: 'session-old', userId: 'user-2', generation: 1 };
const revoked: RevokedTokens = { sessionIds: ['session-out'], users: [{ userId: 'user-2', generation: 2 }] };

describe('RevocationCheck', () => {
  it('rebuilds an empty cache through identity once, then answers from Redis', async () => {
    const { caller, calls } = identity(revoked);
    const check = new RevocationCheck(cache, caller);
    const answers = await Promise.all([signedOut, signedIn, oldGeneration].map((token) => check.isRevoked(token, 'r1')));
    expect(answers).toEqual([true, false, true]);
    expect(calls).toEqual(['rebuild']);
    expect(await check.isRevoked(signedIn, 'r2')).toBe(false);
    expect(calls).toEqual(['rebuild']);
  });

  it('decides from identity’s recent revocations while an empty cache cannot be rebuilt (Redis back, identity not yet)', async () => {
    const { caller, calls } = identity(revoked, { rebuildFails: true });
    const check = new RevocationCheck(cache, caller, 60_000);
    expect(await check.isRevoked(signedOut, 'r1')).toBe(true);
    expect(await check.isRevoked(oldGeneration, 'r2')).toBe(true);
    expect(await check.isRevoked(signedIn, 'r3')).toBe(false);
    // Each request retries the rebuild; the list is read once and reused within its refresh time.
    expect(calls.filter((call) => call === 'recent')).toHaveLength(1);
    expect(calls.filter((call) => call === 'rebuild')).toHaveLength(3);
  });

  it('refuses to guess when the cache is empty and identity cannot answer', async () => {
    const { caller } = identity(revoked, { rebuildFails: true, listFails: true });
    const check = new RevocationCheck(cache, caller);
    await expect(check.isRevoked(signedIn, 'r1')).rejects.toThrow('identity answered 503');
  });

  it('keeps a revocation found in Redis even before the cache is complete', async () => {
    await cache.revokeSession('session-out');
    const { caller, calls } = identity({ sessionIds: [], users: [] }, { rebuildFails: true, listFails: true });
    const check = new RevocationCheck(cache, caller);
    expect(await check.isRevoked(signedOut, 'r1')).toBe(true);
    expect(calls).toEqual([]);
  });
});
