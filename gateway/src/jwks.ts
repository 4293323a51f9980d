import type { PublicJwks } from '@cellgraph/kernel';

const CACHE_MS = 60_000;

/** Republishes identity's access-token keys on the public endpoint (cached for a minute). */
export class JwksPublisher {
  private cached: { at: number; keys: PublicJwks } | undefined;

  constructor(private readonly source: PublicJwks | string) {}

  async keys(): Promise<PublicJwks> {
    if (typeof this.source !== 'string') return this.source;
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.keys;
    const response = await fetch(this.source, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
    const keys = (await response.json()) as PublicJwks;
    this.cached = { at: Date.now(), keys };
    return keys;
  }
}
