import type { Redis } from '@cellgraph/kernel';

// INCR the window's counter, start its expiry on first use, return count and time left.
const WINDOW_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {current, redis.call('PTTL', KEYS[1])}
`;

export interface RateLimitDecision {
  allowed: boolean;
  /** Headers of the IETF RateLimit fields draft, plus Retry-After when refused. */
  headers: Record<string, string>;
}

/** A fixed-window limit per caller in Redis: shared by every gateway process of the cell. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  async take(caller: string): Promise<RateLimitDecision> {
    const key = `${this.prefix}:rate:${caller}`;
    const [count, ttlMs] = (await this.redis.eval(WINDOW_SCRIPT, 1, key, String(this.windowSeconds * 1000))) as [number, number];
    const reset = Math.max(1, Math.ceil(ttlMs / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Policy': `${this.limit};w=${this.windowSeconds}`,
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(Math.max(0, this.limit - count)),
      'RateLimit-Reset': String(reset),
    };
    if (count <= this.limit) return { allowed: true, headers };
    return { allowed: false, headers: { ...headers, 'Retry-After': String(reset) } };
  }
}
