import type { Redis } from 'ioredis';
import { CodedError, ErrorCode } from '../errors/coded-error.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * Bad secret tokens per client address (as the gateway determined it), in Redis, for the public
 * operations a token authorizes (document review links, invoice links): an address that presented
 * too many unknown, expired or revoked tokens in the window is refused (RATE_LIMITED) before any
 * token is looked up, so guessing costs the guesser, not the database. Fails closed: without Redis
 * the public operations answer SERVICE_UNAVAILABLE.
 */
export class BadTokenThrottle {
  /**
   * @param name what the tokens are, in the Redis key (`<prefix>:<name>-failures:<address>`) and the
   *   refusal ("Too many invalid <what> from this address").
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly tokens: { name: string; what: string },
    private readonly settings: { failuresPerAddress: number; windowSeconds: number },
  ) {}

  private key(address: string): string {
    return `${this.prefix}:${this.tokens.name}-failures:${address}`;
  }

  /** Throws RATE_LIMITED when `address` presented too many bad tokens. */
  async check(address: string | undefined): Promise<void> {
    if (!address) return;
    const key = this.key(address);
    const [[, failures], [, ttl]] = (await this.redis.multi().get(key).ttl(key).exec()) as [[null, string | null], [null, number]];
    if (Number(failures ?? 0) < this.settings.failuresPerAddress) return;
    const retryAfter = ttl > 0 ? ttl : this.settings.windowSeconds;
    throw new CodedError(ErrorCode.RateLimited, text(kernelMessages.tooManyInvalidTokens, { what: this.tokens.what, minutes: Math.ceil(retryAfter / 60) }), {
      retryAfter,
    });
  }

  /** Counts a bad token against `address`; the window starts with its first failure. */
  async fail(address: string | undefined): Promise<void> {
    if (!address) return;
    const key = this.key(address);
    await this.redis.multi().incr(key).expire(key, this.settings.windowSeconds, 'NX').exec();
  }
}
