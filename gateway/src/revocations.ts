import { isRedisUnavailable, type RevokedTokens, type TokenRevocations } from '@cellgraph/kernel/core';
import type { SubgraphCaller } from './subgraph-call.js';

const REBUILD = 'mutation RebuildRevocationCache { _revocationCacheRebuild }';
const RECENT = 'query RecentRevocations { _revokedTokens { sessionIds users { userId generation } } }';

type Token = { sessionId: string | null; userId: string; generation: number };

/**
 * Whether an access token was revoked, from the Redis cache of identity's revocations (one MGET).
 * A cache that is missing — Redis restarted empty — is rebuilt by identity from its tables before
 * the answer (once per process at a time; concurrent requests wait for the same rebuild), so a
 * sign-out survives the loss of Redis's data.
 *
 * While Redis is unavailable, the gateway decides from a copy of identity's recent revocations
 * (its tables are the record), fetched when the outage is noticed and then at most every
 * `fallbackRefreshMs`: signed-in users keep
 * working, and a sign-out made meanwhile takes effect within that time. If identity cannot
 * answer either, the check fails and the request is refused with SERVICE_UNAVAILABLE: a revoked
 * token is never let through on a guess.
 */
export class RevocationCheck {
  private rebuilding: Promise<void> | null = null;
  private fallback: { fetchedAt: number; sessions: Set<string>; generations: Map<string, number> } | null = null;
  private fetchingFallback: Promise<void> | null = null;
  private cacheAnsweredAt = 0;

  constructor(
    private readonly cache: TokenRevocations,
    private readonly subgraphs: SubgraphCaller,
    private readonly fallbackRefreshMs = 2_000,
  ) {}

  async isRevoked(token: Token, requestId: string): Promise<boolean> {
    try {
      const state = await this.cache.check(token);
      // Redis answers: a copy taken during an earlier outage must not serve the next one (it lacks what was revoked since).
      this.fallback = null;
      this.cacheAnsweredAt = Date.now();
      if (state !== 'unknown') return state === 'revoked';
      await this.rebuild(requestId);
      const rebuilt = await this.cache.check(token);
      if (rebuilt === 'unknown') throw new Error('The revocation cache is missing after a rebuild');
      return rebuilt === 'revoked';
    } catch (error) {
      if (!isRedisUnavailable(error)) throw error;
      return this.isRevokedByIdentity(token, requestId);
    }
  }

  private async isRevokedByIdentity(token: Token, requestId: string): Promise<boolean> {
    for (;;) {
      const copy = this.fallback;
      if (copy && Date.now() - copy.fetchedAt <= this.fallbackRefreshMs) {
        return (token.sessionId !== null && copy.sessions.has(token.sessionId)) || token.generation < (copy.generations.get(token.userId) ?? 0);
      }
      this.fetchingFallback ??= this.fetchRecent(requestId).finally(() => {
        this.fetchingFallback = null;
      });
      await this.fetchingFallback;
    }
  }

  /** Copies identity's recent revocations, unless Redis answered while they were read (the copy would be older than the cache). */
  private async fetchRecent(requestId: string): Promise<void> {
    const startedAt = Date.now();
    const result = await this.subgraphs.call<{ _revokedTokens: RevokedTokens }>('identity', systemContext(requestId), RECENT, {});
    const recent = result.data?._revokedTokens;
    if (result.errors || !recent) throw new Error(`Identity could not list the recent revocations: ${result.errors?.[0]?.message ?? 'no answer'}`);
    if (startedAt < this.cacheAnsweredAt) return;
    this.fallback = {
      fetchedAt: startedAt,
      sessions: new Set(recent.sessionIds),
      generations: new Map(recent.users.map((user) => [user.userId, user.generation])),
    };
  }

  private rebuild(requestId: string): Promise<void> {
    this.rebuilding ??= this.askIdentity(requestId).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  private async askIdentity(requestId: string): Promise<void> {
    const result = await this.subgraphs.call<{ _revocationCacheRebuild: boolean }>('identity', systemContext(requestId), REBUILD, {});
    if (result.errors || !result.data?._revocationCacheRebuild)
      throw new Error(`Identity could not rebuild the revocation cache: ${result.errors?.[0]?.message ?? 'no answer'}`);
  }
}

const systemContext = (requestId: string) => ({ requestId, principal: { kind: 'system', orgId: null, scopes: [] } }) as const;
