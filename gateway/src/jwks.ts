import { publicJwksSchema, type PublicJwks } from '@cellgraph/kernel/core';
import { createLocalJWKSet, errors, type JWTVerifyGetKey } from 'jose';

/** The access-token keys cannot be had: identity is unreachable and no usable keys are held. Not the caller's fault. */
export class KeysUnavailableError extends Error {
  override name = 'KeysUnavailableError';
}

export interface KeySetOptions {
  /** Keys older than this are refetched (in the background: requests keep using the held keys). */
  refreshMs: number;
  /** While identity is unreachable, held keys are used until they are this old (stale-if-error); then tokens get SERVICE_UNAVAILABLE. */
  maxStaleMs: number;
  fetchTimeoutMs?: number;
  /**
   * How long after a fetch a token naming an unknown key makes it fetch again, and after a failed
   * fetch before the held keys are refreshed again (identity is not hammered). Without usable
   * keys every request may fetch (one fetch at a time).
   */
  cooldownMs?: number;
}

export interface KeySetReport {
  /** fixed: configured keys; fresh: fetched within refreshMs; stale: older (identity unreachable or not asked yet), still used; unavailable: none usable. */
  status: 'fixed' | 'fresh' | 'stale' | 'unavailable';
  /** Age of the held keys. */
  ageMs: number | null;
  /** The last fetch failed (since the last success). */
  identityUnreachable: boolean;
}

interface Held {
  at: number;
  keys: PublicJwks;
  find: JWTVerifyGetKey;
}

/**
 * Identity's access-token keys (its JWKS), as the gateway verifies tokens with and republishes
 * them. Fetched keys are kept: refreshed in the background once older than `refreshMs`, and kept
 * in use while identity is unreachable until `maxStaleMs` old, so an identity outage does not
 * refuse valid tokens. A token naming an unknown key (a rotation) makes it fetch again at once;
 * if identity cannot be reached then, or no keys were ever fetched, verification throws
 * KeysUnavailableError (an outage), never "invalid token".
 */
export class AccessTokenKeys {
  private held: Held | undefined;
  private lastFailureAt: number | undefined;
  private fetching: Promise<Held> | undefined;
  private readonly fixed: boolean;

  constructor(
    private readonly source: PublicJwks | string,
    private readonly options: KeySetOptions,
  ) {
    this.fixed = typeof source !== 'string';
    if (typeof source !== 'string') this.held = { at: Date.now(), keys: source, find: createLocalJWKSet(source) };
  }

  /** The keys to publish (throws KeysUnavailableError). */
  async keys(): Promise<PublicJwks> {
    return (await this.usable()).keys;
  }

  /** For jose's jwtVerify: the key a token's header names. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const held = await this.usable();
    try {
      return await held.find(header, token);
    } catch (error) {
      if (this.fixed || !(error instanceof errors.JWKSNoMatchingKey)) throw error;
    }
    // An unknown key: identity may have rotated since. Identity just answered → the key is unknown.
    if (this.lastFailureAt === undefined && this.sinceFetch(held) < this.cooldownMs) throw new errors.JWKSNoMatchingKey();
    // Identity just failed: it is unreachable, the key may be a rotation we cannot learn about.
    if (this.recentlyFailed()) throw new KeysUnavailableError('The access-token keys are unavailable: identity is unreachable');
    return (await this.refresh()).find(header, token);
  };

  /** Fetches the keys now, e.g. at start-up so the first token does not wait (failures are reported by use). */
  async warm(): Promise<void> {
    if (!this.fixed) await this.refresh().catch(() => undefined);
  }

  report(): KeySetReport {
    const ageMs = this.held ? Date.now() - this.held.at : null;
    const identityUnreachable = this.lastFailureAt !== undefined;
    if (this.fixed) return { status: 'fixed', ageMs: null, identityUnreachable: false };
    const status = ageMs === null || ageMs >= this.options.maxStaleMs ? 'unavailable' : ageMs < this.options.refreshMs ? 'fresh' : 'stale';
    return { status, ageMs, identityUnreachable };
  }

  private get cooldownMs(): number {
    return this.options.cooldownMs ?? 5_000;
  }

  private sinceFetch(held: Held): number {
    return Date.now() - held.at;
  }

  /** Held keys not too old (refreshed in the background when due), else keys fetched now (e.g. identity started after the gateway). */
  private async usable(): Promise<Held> {
    const held = this.held;
    if (this.fixed && held) return held;
    if (held && this.sinceFetch(held) < this.options.maxStaleMs) {
      if (this.sinceFetch(held) >= this.options.refreshMs && !this.recentlyFailed()) void this.refresh().catch(() => undefined);
      return held;
    }
    return this.refresh();
  }

  private recentlyFailed(): boolean {
    return this.lastFailureAt !== undefined && Date.now() - this.lastFailureAt < this.cooldownMs;
  }

  /** One fetch at a time, shared by every caller waiting for it. */
  private refresh(): Promise<Held> {
    this.fetching ??= this.fetchKeys(this.source as string).finally(() => {
      this.fetching = undefined;
    });
    return this.fetching;
  }

  private async fetchKeys(url: string): Promise<Held> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5_000) });
      if (!response.ok) throw new Error(`identity answered ${response.status}`);
      const keys = publicJwksSchema.parse(await response.text());
      this.held = { at: Date.now(), keys, find: createLocalJWKSet(keys) };
      this.lastFailureAt = undefined;
      return this.held;
    } catch (error) {
      this.lastFailureAt = Date.now();
      throw new KeysUnavailableError(`The access-token keys are unavailable: ${(error as Error).message}`);
    }
  }
}
