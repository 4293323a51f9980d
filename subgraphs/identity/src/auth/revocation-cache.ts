import type { Database, Logger, Redis, RequestContext, RevokedTokens, TokenRevocations } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { requireSystemCaller } from '../security/system-caller.js';

/** How long a revocation matters (and stays cached): an access token's lifetime plus a margin for clock skew. */
export const revocationEntryTtl = (accessTokenTtlSeconds: number) => accessTokenTtlSeconds + 5 * 60;

/**
 * Identity's tables are the record of revoked sessions and token generations; the gateway reads
 * them from the Redis cache (TokenRevocations). This writes the record into the cache: after each
 * revocation committed, when the gateway finds the cache missing (Redis restarted empty), and
 * whenever this process (re)connects to Redis — which brings in revocations whose cache write
 * failed while Redis was unreachable. Only revocations younger than an access token matter: older
 * ones concern expired tokens only.
 */
export class RevocationCache {
  private readonly horizonMs: number;

  constructor(
    private readonly db: Database,
    private readonly revocations: TokenRevocations,
    accessTokenTtlSeconds: number,
  ) {
    this.horizonMs = revocationEntryTtl(accessTokenTtlSeconds) * 1000;
  }

  /** Raises the user's token generation in the caller's transaction (scoped to the user); answers the new generation. */
  static async raiseGeneration(em: EntityManager, userId: string): Promise<number> {
    const rows = (await em.query(
      `INSERT INTO identity.token_generations (user_id, generation, raised_at) VALUES ($1, 1, now())
       ON CONFLICT (user_id) DO UPDATE SET generation = token_generations.generation + 1, raised_at = now() RETURNING generation`,
      [userId],
    )) as { generation: number }[];
    return rows[0]!.generation;
  }

  /** The generation to put in a new token of the user (in a transaction scoped to the user). */
  static async generation(em: EntityManager, userId: string): Promise<number> {
    const [row] = (await em.query('SELECT generation FROM identity.token_generations WHERE user_id = $1', [userId])) as { generation: number }[];
    return row?.generation ?? 0;
  }

  revokeSession(sessionId: string): Promise<void> {
    return this.revocations.revokeSession(sessionId);
  }

  raisedGeneration(userId: string, generation: number): Promise<void> {
    return this.revocations.raiseGeneration(userId, generation);
  }

  /** Every revocation younger than an access token (older ones concern expired tokens only). */
  async recent(): Promise<RevokedTokens> {
    const since = new Date(Date.now() - this.horizonMs);
    // Every user's revocations, read as the maintenance role (which sees only these columns).
    const [sessions, users] = await this.db.maintenanceTransaction(async (em) => [
      (await em.query('SELECT id FROM identity.sessions WHERE revoked_at > $1', [since])) as { id: string }[],
      (await em.query('SELECT user_id, generation FROM identity.token_generations WHERE raised_at > $1', [since])) as { user_id: string; generation: number }[],
    ]);
    return { sessionIds: sessions.map((row) => row.id), users: users.map((row) => ({ userId: row.user_id, generation: row.generation })) };
  }

  /** `_revokedTokens`: the recent revocations, for the gateway (system caller only) while Redis is unavailable. */
  recentFor(request: RequestContext): Promise<RevokedTokens> {
    requireSystemCaller(request);
    return this.recent();
  }

  /** `_revocationCacheRebuild`: the gateway (system caller only) found the cache missing. */
  async rebuildFor(request: RequestContext): Promise<void> {
    requireSystemCaller(request);
    await this.rebuild();
  }

  /** Writes every recent revocation into the cache and marks it complete. */
  async rebuild(): Promise<{ sessions: number; users: number }> {
    const revoked = await this.recent();
    await this.revocations.rebuild(revoked);
    return { sessions: revoked.sessionIds.length, users: revoked.users.length };
  }

  /** Rebuilds the cache each time `redis` becomes ready (first connection and every reconnection). */
  watch(redis: Redis, logger: Logger): void {
    const rebuild = () =>
      this.rebuild().then(
        (counts) => logger.info(counts, 'revocation cache rebuilt'),
        (error: unknown) => logger.warn({ err: error }, 'cannot rebuild the revocation cache; the gateway asks again when it finds it missing'),
      );
    redis.on('ready', () => void rebuild());
    if (redis.status === 'ready') void rebuild();
  }
}
