import type { Principal, Redis } from '@cellgraph/kernel';
import { RateLimiter, type RateLimitDecision } from './rate-limit.js';

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

  /** Counts one request; null for callers no limit applies to (the system). */
  async take(principal: Principal, clientAddress: string): Promise<(RateLimitDecision & { message: string }) | null> {
    switch (principal.kind) {
      case 'api_key':
        return { ...(await this.apiKeys.take(`api-key:${principal.keyId}`, principal.rateLimit)), message: 'Rate limit exceeded for this API key' };
      case 'user':
        return { ...(await this.users.take(`user:${principal.userId}`)), message: 'Rate limit exceeded for this user' };
      case 'anonymous':
        return { ...(await this.addresses.take(`address:${clientAddress}`)), message: 'Rate limit exceeded for this address' };
      default:
        return null;
    }
  }
}
