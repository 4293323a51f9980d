import type { Principal, Redis } from '@cellgraph/kernel/core';
import { RateLimitedError, RateLimiter, unlessRedisUnavailable, type RateLimitDecision } from './rate-limit.js';
import { text } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

export interface LimitSetting {
  limit: number;
  windowSeconds: number;
}

/**
 * The request rate limits of the public endpoint, one mechanism keyed by who calls: an API key
 * (its own limit when it has one), a signed-in user (all of their sessions together), or, for
 * anonymous callers, the client address.
 */
export class RequestLimits {
  private readonly apiKeys: RateLimiter;
  private readonly users: RateLimiter;
  private readonly addresses: RateLimiter;

  constructor(redis: Redis, prefix: string, settings: { apiKey: LimitSetting; user: LimitSetting; anonymous: LimitSetting }) {
    const limiter = ({ limit, windowSeconds }: LimitSetting) => new RateLimiter(redis, prefix, limit, windowSeconds);
    this.apiKeys = limiter(settings.apiKey);
    this.users = limiter(settings.user);
    this.addresses = limiter(settings.anonymous);
  }

  /**
   * Counts one request and answers its decision (for the RateLimit headers), or throws
   * RateLimitedError when it is over the limit; null for callers no limit applies to (the system),
   * and while Redis is unavailable (limits fail open, see unlessRedisUnavailable).
   */
  async enforce(principal: Principal, clientAddress: string): Promise<RateLimitDecision | null> {
    const [decision, whose] = (await unlessRedisUnavailable(this.take(principal, clientAddress))) ?? [null, principal.kind];
    if (decision && !decision.allowed) throw new RateLimitedError(text(gatewayMessages.rateLimited, { whose }), decision);
    return decision;
  }

  private async take(principal: Principal, clientAddress: string): Promise<[RateLimitDecision | null, 'apiKey' | 'user' | 'address' | string]> {
    switch (principal.kind) {
      case 'api_key':
        return [await this.apiKeys.take(`api-key:${principal.keyId}`, principal.rateLimit), 'apiKey'];
      case 'user':
        return [await this.users.take(`user:${principal.userId}`), 'user'];
      case 'anonymous':
        return [await this.addresses.take(`address:${clientAddress}`), 'address'];
      default:
        return [null, principal.kind];
    }
  }
}
