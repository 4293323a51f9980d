import type { Redis } from '../redis/redis.js';

/*
 * Revocation of access tokens before they expire, decided by the gateway on every request with
 * one MGET:
 *  - a signed-out session: every token carrying its `sid`;
 *  - "sign out everywhere" (and password resets, deactivation): a user's token generation is
 *    bumped, and tokens of an older generation (`gen` claim) stop working.
 * Markers outlive any access token.
 */
const MARKER_TTL_SECONDS = 7 * 24 * 60 * 60;

export class TokenRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private sessionKey = (sessionId: string) => `${this.prefix}:revoked:session:${sessionId}`;
  private generationKey = (userId: string) => `${this.prefix}:token-generation:${userId}`;

  async revokeSession(sessionId: string): Promise<void> {
    await this.redis.set(this.sessionKey(sessionId), '1', 'EX', MARKER_TTL_SECONDS);
  }

  /** Every token of the user issued so far stops working. */
  async revokeUser(userId: string): Promise<void> {
    await this.redis.multi().incr(this.generationKey(userId)).expire(this.generationKey(userId), MARKER_TTL_SECONDS).exec();
  }

  /** The generation to put in a new token of the user. */
  async generation(userId: string): Promise<number> {
    return Number((await this.redis.get(this.generationKey(userId))) ?? 0);
  }

  async isRevoked(token: { sessionId: string | null; userId: string; generation: number }): Promise<boolean> {
    const [session, generation] = await this.redis.mget(this.sessionKey(token.sessionId ?? '-'), this.generationKey(token.userId));
    return session !== null || token.generation < Number(generation ?? 0);
  }
}
