import { createHash } from 'node:crypto';
import { CodedError, ErrorCode, text, type Redis } from '@cellgraph/kernel';
import { authMessages } from '../messages.js';

export interface ThrottleSettings {
  maxFailures: number;
  lockoutSeconds: number;
  attemptsPerWindow: number;
  windowSeconds: number;
  /** Different e-mails that may fail to sign in from one client address per address window. */
  failedEmailsPerAddress: number;
  addressWindowSeconds: number;
}

/**
 * Per e-mail, in Redis: a rate limit on attempts (throttling: a top-level RATE_LIMITED error)
 * and a lockout after consecutive failures. Keyed by a hash of the e-mail and applied whether or
 * not an account exists, so neither reveals which e-mails have accounts.
 *
 * Per client address (as the gateway determined it), across e-mails: an address whose sign-ins
 * failed for too many different e-mails in the window is refused (RATE_LIMITED) before any
 * password is checked — password spraying tries one password on many accounts, which the
 * per-e-mail lockout never sees.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly settings: ThrottleSettings,
  ) {}

  private key(kind: string, email: string): string {
    return `${this.prefix}:login:${kind}:${hashOf(email)}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:login:address-failures:${address}`;
  }

  /** Throws RATE_LIMITED when sign-ins from `address` failed for too many different e-mails. */
  async checkAddress(address: string | undefined): Promise<void> {
    if (!address) return;
    const key = this.addressKey(address);
    const [[, failedEmails], [, ttl]] = (await this.redis.multi().scard(key).ttl(key).exec()) as [[null, number], [null, number]];
    if (failedEmails < this.settings.failedEmailsPerAddress) return;
    const retryAfter = ttl > 0 ? ttl : this.settings.addressWindowSeconds;
    throw new CodedError(ErrorCode.RateLimited, text(authMessages.tooManyFailedSignInsFromAddress, { minutes: Math.ceil(retryAfter / 60) }), {
      retryAfter,
    });
  }

  /** Counts an attempt; throws RATE_LIMITED beyond the window's allowance. */
  async attempt(email: string): Promise<void> {
    const key = this.key('attempts', email);
    const [[, count], [, ttl]] = (await this.redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.redis.expire(key, this.settings.windowSeconds);
    if (count > this.settings.attemptsPerWindow) {
      const retryAfter = ttl > 0 ? ttl : this.settings.windowSeconds;
      throw new CodedError(ErrorCode.RateLimited, text(authMessages.tooManySignInAttempts, { minutes: Math.ceil(retryAfter / 60) }), { retryAfter });
    }
  }

  /** Seconds the e-mail stays locked, or 0. */
  async lockedFor(email: string): Promise<number> {
    const ttl = await this.redis.ttl(this.key('locked', email));
    return ttl > 0 ? ttl : 0;
  }

  /** Records a failure (of `email`, from `address`); returns true when it locked the e-mail. */
  async fail(email: string, address: string | undefined): Promise<boolean> {
    if (address) {
      const addressKey = this.addressKey(address);
      await this.redis.multi().sadd(addressKey, hashOf(email)).expire(addressKey, this.settings.addressWindowSeconds, 'NX').exec();
    }
    const key = this.key('failures', email);
    const failures = await this.redis.incr(key);
    await this.redis.expire(key, this.settings.lockoutSeconds);
    if (failures < this.settings.maxFailures) return false;
    await this.redis.multi().set(this.key('locked', email), '1', 'EX', this.settings.lockoutSeconds).del(key).exec();
    return true;
  }

  async succeed(email: string): Promise<void> {
    await this.redis.del(this.key('failures', email));
  }
}

const hashOf = (email: string) => createHash('sha256').update(email).digest('hex');
