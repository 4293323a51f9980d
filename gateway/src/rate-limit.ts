import { isRedisUnavailable, type Redis } from '@cellgraph/kernel/core';
import { translator, type ReaderText } from '@cellgraph/kernel/core';

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
  /** Seconds until the window resets. */
  retryAfter: number;
}

/** A refusal by a rate limit: answered 429 RATE_LIMITED with the decision's headers. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  /** `text`: what the caller reads, rendered in their language when answered; the message is English, for logs. */
  constructor(
    readonly text: ReaderText,
    readonly decision: RateLimitDecision,
  ) {
    super(translator().t('message' in text ? text.message : text, 'values' in text ? text.values : undefined));
  }
}

/**
 * The decision of a rate limit, or null while Redis is unavailable: limits fail open. They protect
 * against abuse, not access (authentication still decides who may call), and refusing every caller
 * because the counters are unreachable would turn a Redis outage into a total one.
 */
export async function unlessRedisUnavailable<T>(decision: Promise<T>): Promise<T | null> {
  try {
    return await decision;
  } catch (error) {
    if (isRedisUnavailable(error)) return null;
    throw error;
  }
}

/** A fixed-window limit per caller in Redis: shared by every gateway process of the cell. */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  /** Counts one request of `caller`, whose own limit (e.g. an API key's) replaces the default when given. */
  async take(caller: string, ownLimit?: number | null): Promise<RateLimitDecision> {
    const [count, ttlMs] = (await this.redis.eval(WINDOW_SCRIPT, 1, this.key(caller), String(this.windowSeconds * 1000))) as [number, number];
    return this.decide(ownLimit ?? this.limit, count, ttlMs);
  }

  /** Whether `caller` has used up its window, without counting a request. */
  async peek(caller: string): Promise<RateLimitDecision> {
    const key = this.key(caller);
    const [[, count], [, ttlMs]] = (await this.redis.multi().get(key).pttl(key).exec()) as [[null, string | null], [null, number]];
    return this.decide(this.limit, Number(count ?? 0) + 1, ttlMs > 0 ? ttlMs : this.windowSeconds * 1000);
  }

  private key(caller: string): string {
    return `${this.prefix}:rate:${caller}`;
  }

  private decide(limit: number, count: number, ttlMs: number): RateLimitDecision {
    const retryAfter = Math.max(1, Math.ceil(ttlMs / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Policy': `${limit};w=${this.windowSeconds}`,
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - count)),
      'RateLimit-Reset': String(retryAfter),
    };
    if (count <= limit) return { allowed: true, headers, retryAfter };
    return { allowed: false, headers: { ...headers, 'Retry-After': String(retryAfter) }, retryAfter };
  }
}
