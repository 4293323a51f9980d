import type { TokenRevocations } from '@cellgraph/kernel';
import type { SubgraphCaller } from './subgraph-call.js';

const REBUILD = 'mutation RebuildRevocationCache { _revocationCacheRebuild }';

/**
 * Whether an access token was revoked, from the Redis cache of identity's revocations (one MGET).
 * A cache that is missing — Redis restarted empty — is rebuilt by identity from its tables before
 * the answer (once per process at a time; concurrent requests wait for the same rebuild), so a
 * sign-out survives the loss of Redis's data. While Redis or identity cannot answer, the check
 * fails and the request is refused with SERVICE_UNAVAILABLE: a revoked token is never let through.
 */
export class RevocationCheck {
  private rebuilding: Promise<void> | null = null;

  constructor(
    private readonly cache: TokenRevocations,
    private readonly subgraphs: SubgraphCaller,
  ) {}

  async isRevoked(token: { sessionId: string | null; userId: string; generation: number }, requestId: string): Promise<boolean> {
    const state = await this.cache.check(token);
    if (state !== 'unknown') return state === 'revoked';
    await this.rebuild(requestId);
    const rebuilt = await this.cache.check(token);
    if (rebuilt === 'unknown') throw new Error('The revocation cache is missing after a rebuild');
    return rebuilt === 'revoked';
  }

  private rebuild(requestId: string): Promise<void> {
    this.rebuilding ??= this.askIdentity(requestId).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  private async askIdentity(requestId: string): Promise<void> {
    const system = { requestId, principal: { kind: 'system', orgId: null, scopes: [] } } as const;
    const result = await this.subgraphs.call<{ _revocationCacheRebuild: boolean }>('identity', system, REBUILD, {});
    if (result.errors || !result.data?._revocationCacheRebuild) throw new Error(`Identity could not rebuild the revocation cache: ${result.errors?.[0]?.message ?? 'no answer'}`);
  }
}
