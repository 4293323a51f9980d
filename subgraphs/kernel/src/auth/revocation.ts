import type { Redis } from '../redis/redis.js';

/*
 * Revocation of access tokens before they expire, decided by the gateway on every request with
 * one MGET:
 *  - a signed-out session: every token carrying its `sid`;
 *  - "sign out everywhere" (and password resets, deactivation, a reused refresh token): the user's
 *    token generation is raised, and tokens of an older generation (`gen` claim) stop working.
 * Identity's tables are the record (sessions.revoked_at, token_generations); Redis holds a cache
 * of the revocations younger than an access token's lifetime (older ones concern only expired
 * tokens). The cache carries a marker written when it
 * was built: a Redis that restarted empty has no marker, and the gateway has identity rebuild the
 * cache from its tables before deciding. Writes are idempotent (a generation only rises), so a
 * rebuild and a revocation that race leave the newest state.
 */

/** What the cache says of a token: `unknown` when the cache is missing (not built since Redis started). */
export type RevocationState = 'revoked' | 'valid' | 'unknown';

export interface RevokedTokens {
  sessionIds: string[];
  users: { userId: string; generation: number }[];
}

// SET the generation unless the cached one is higher; either way the key lives `ttl` seconds more.
const RAISE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-1')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) else redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

export class TokenRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long an entry must stay: at least an access token's lifetime (identity's ACCESS_TOKEN_TTL_SECONDS), plus a margin. */
    private readonly entryTtlSeconds = 24 * 60 * 60,
  ) {}

  private markerKey = () => `${this.prefix}:revoked:cache-built`;
  private sessionKey = (sessionId: string) => `${this.prefix}:revoked:session:${sessionId}`;
  private generationKey = (userId: string) => `${this.prefix}:revoked:generation:${userId}`;

  /** Caches a session revoked in identity's tables. */
  async revokeSession(sessionId: string): Promise<void> {
    await this.redis.set(this.sessionKey(sessionId), '1', 'EX', this.entryTtlSeconds);
  }

  /** Caches a user's token generation raised in identity's tables: tokens of older generations stop working. */
  async raiseGeneration(userId: string, generation: number): Promise<void> {
    await this.redis.eval(RAISE_SCRIPT, 1, this.generationKey(userId), String(generation), String(this.entryTtlSeconds));
  }

  /** Writes the revocations read from identity's tables, then the marker that says the cache is complete. */
  async rebuild(revoked: RevokedTokens): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const sessionId of revoked.sessionIds) pipeline.set(this.sessionKey(sessionId), '1', 'EX', this.entryTtlSeconds);
    for (const { userId, generation } of revoked.users)
      pipeline.eval(RAISE_SCRIPT, 1, this.generationKey(userId), String(generation), String(this.entryTtlSeconds));
    pipeline.set(this.markerKey(), new Date().toISOString());
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async check(token: { sessionId: string | null; userId: string; generation: number }): Promise<RevocationState> {
    const [marker, session, generation] = await this.redis.mget(this.markerKey(), this.sessionKey(token.sessionId ?? '-'), this.generationKey(token.userId));
    if (session !== null || token.generation < Number(generation ?? 0)) return 'revoked';
    return marker === null ? 'unknown' : 'valid';
  }
}
