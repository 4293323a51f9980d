import { isRedisUnavailable, type RevocationState, type RevokedTokens, type TokenRevocations } from '@cellgraph/kernel/core';
import type { SubgraphCaller } from './subgraph-call.js';

const REBUILD = 'mutation RebuildRevocationCache { _revocationCacheRebuild }';
const RECENT = 'query RecentRevocations { _revokedTokens { sessionIds users { userId generation } } }';

type Token = { sessionId: string | null; userId: string; generation: number };
type RecentRevocations = { fetchedAt: number; sessions: Set<string>; generations: Map<string, number> };

/**
 * Whether an access token was revoked, from the Redis cache of identity's revocations (one MGET).
 * A cache that is missing — Redis restarted empty — is rebuilt by identity from its tables before
 * the answer (once per process at a time; concurrent requests wait for the same rebuild), so a
 * sign-out survives the loss of Redis's data.
 *
 * While Redis is unavailable, or back but empty and not yet rebuilt, the gateway decides from a
 * copy of identity's recent revocations (its tables are the record), fetched when the outage is
 * noticed and then at most every `fallbackRefreshMs`: signed-in users keep
 * working, and a sign-out made meanwhile takes effect within that time. If identity cannot
 * answer either, the check fails and the request is refused with SERVICE_UNAVAILABLE: a revoked
 * token is never let through on a guess.
 */
export class RevocationCheck {
  private rebuilding: Promise<void> | null = null;
  private fallback: RecentRevocations | null = null;
  private fetchingFallback: Promise<RecentRevocations> | null = null;
  private cacheAnsweredAt = 0;

  constructor(
    private readonly cache: TokenRevocations,
    private readonly subgraphs: SubgraphCaller,
    private readonly fallbackRefreshMs = 2_000,
  ) {}

  async isRevoked(token: Token, requestId: string): Promise<boolean> {
    let state: RevocationState | undefined;
    try {
      state = await this.cache.check(token);
      if (state === 'unknown') {
        await this.rebuild(requestId);
        state = await this.cache.check(token);
        if (state === 'unknown') throw new Error('The revocation cache is missing after a rebuild');
      }
    } catch (error) {
      // Redis is down, or it came back empty and identity could not refill it yet (its own Redis
      // client may still be reconnecting): identity's tables decide, as during an outage.
      if (!isRedisUnavailable(error) && state !== 'unknown') throw error;
      return this.isRevokedByIdentity(token, requestId);
    }
    // The cache decided: a copy taken during an earlier outage must not serve the next one (it lacks what was revoked since).
    this.fallback = null;
    this.cacheAnsweredAt = Date.now();
    return state === 'revoked';
  }

  private async isRevokedByIdentity(token: Token, requestId: string): Promise<boolean> {
    let copy = this.fallback;
    if (!copy || Date.now() - copy.fetchedAt > this.fallbackRefreshMs) {
      this.fetchingFallback ??= this.fetchRecent(requestId).finally(() => {
        this.fetchingFallback = null;
      });
      copy = await this.fetchingFallback;
    }
    return (token.sessionId !== null && copy.sessions.has(token.sessionId)) || token.generation < (copy.generations.get(token.userId) ?? 0);
  }

  /** Copies identity's recent revocations; kept for the next requests unless Redis decided while they were read (the copy would be older than the cache). */
  private async fetchRecent(requestId: string): Promise<RecentRevocations> {
    const startedAt = Date.now();
    const result = await this.subgraphs.call<{ _revokedTokens: RevokedTokens }>('identity', systemContext(requestId), RECENT, {});
    const recent = result.data?._revokedTokens;
    if (result.errors || !recent) throw new Error(`Identity could not list the recent revocations: ${result.errors?.[0]?.message ?? 'no answer'}`);
    const copy = {
      fetchedAt: startedAt,
      sessions: new Set(recent.sessionIds),
      generations: new Map(recent.users.map((user) => [user.userId, user.generation])),
    };
    if (startedAt >= this.cacheAnsweredAt) this.fallback = copy;
    return copy;
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
