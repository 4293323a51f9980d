import { CodedError, ErrorCode, type Redis } from '@cellgraph/kernel';

/**
 * Bad public invoice tokens per client address (as the gateway determined it), in Redis, as
 * documents' ReviewThrottle: an address that presented too many unknown or expired tokens in the
 * window is refused (RATE_LIMITED) before any token is looked up, so guessing costs the guesser.
 */
export class InvoiceTokenThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly settings: { failuresPerAddress: number; windowSeconds: number },
  ) {}

  private key(address: string): string {
    return `${this.prefix}:finance:invoice-token-failures:${address}`;
  }

  /** Throws RATE_LIMITED when `address` presented too many bad tokens. */
  async check(address: string | undefined): Promise<void> {
    if (!address) return;
    const key = this.key(address);
    const [[, failures], [, ttl]] = (await this.redis.multi().get(key).ttl(key).exec()) as [[null, string | null], [null, number]];
    if (Number(failures ?? 0) < this.settings.failuresPerAddress) return;
    const retryAfter = ttl > 0 ? ttl : this.settings.windowSeconds;
    throw new CodedError(ErrorCode.RateLimited, `Too many invalid invoice links from this address; try again in ${Math.ceil(retryAfter / 60)} minutes`, {
      retryAfter,
    });
  }

  async fail(address: string | undefined): Promise<void> {
    if (!address) return;
    const key = this.key(address);
    await this.redis.multi().incr(key).expire(key, this.settings.windowSeconds, 'NX').exec();
  }
}
