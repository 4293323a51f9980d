import { createHash } from 'node:crypto';
import { apiKeyCacheKey, isRedisUnavailable, type ApiKeyRecord, type Redis } from '@cellgraph/kernel/core';
import type { SubgraphCaller } from './subgraph-call.js';

const POSITIVE_TTL_SECONDS = 300;
const NEGATIVE_TTL_SECONDS = 30;
const RESOLVE = 'query Resolve($keyHash: String!) { _apiKeyResolve(keyHash: $keyHash) { keyId name orgId userId scopes expiresAt rateLimit } }';

/**
 * Resolves API keys for the gateway: from the Redis cache when it can, else by asking identity
 * (the system of record) as the system principal, over the same signed channel as every
 * subgraph call. Identity deletes the cache entry when a key is revoked. While Redis is
 * unavailable every key is resolved by identity (slower, still correct: identity is the record).
 */
export class ApiKeyResolver {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly subgraphs: SubgraphCaller,
  ) {}

  async resolve(key: string, requestId: string): Promise<ApiKeyRecord | null> {
    const keyHash = createHash('sha256').update(key).digest('hex');
    const cacheKey = apiKeyCacheKey(this.prefix, keyHash);
    const cached = await this.redis.get(cacheKey).catch(withoutRedis(undefined));
    const record = typeof cached === 'string' ? (JSON.parse(cached) as ApiKeyRecord | null) : await this.fetch(keyHash, requestId);
    if (cached === null)
      await this.redis.set(cacheKey, JSON.stringify(record), 'EX', record ? POSITIVE_TTL_SECONDS : NEGATIVE_TTL_SECONDS).catch(withoutRedis(undefined));
    if (!record || (record.expiresAt && new Date(record.expiresAt) <= new Date())) return null;
    return record;
  }

  private async fetch(keyHash: string, requestId: string): Promise<ApiKeyRecord | null> {
    const system = { requestId, principal: { kind: 'system', orgId: null, scopes: [] } } as const;
    const result = await this.subgraphs.call<{ _apiKeyResolve: ApiKeyRecord | null }>('identity', system, RESOLVE, { keyHash });
    if (result.errors || !result.data) throw new Error('API key resolution failed');
    return result.data._apiKeyResolve;
  }
}

/** A catch handler answering `fallback` when Redis is unavailable, rethrowing anything else. */
function withoutRedis<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (isRedisUnavailable(error)) return fallback;
    throw error;
  };
}
