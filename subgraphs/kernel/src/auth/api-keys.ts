/**
 * API keys as the gateway knows them: resolved by identity (the system of record) from the key's
 * SHA-256, and cached in Redis under this key so that most requests cost one GET. Revoking a key
 * deletes the cache entry: the next request asks identity again and is refused.
 */
export interface ApiKeyRecord {
  keyId: string;
  /** Its name, recorded with what it does. */
  name: string;
  orgId: string;
  /** Who created the key (recorded as the actor of what the key does). */
  userId: string;
  scopes: string[];
  expiresAt: string | null;
  /** Requests per rate-limit window; null: the cell's default. */
  rateLimit: number | null;
}

export const API_KEY_PREFIX = 'cg_';

export const apiKeyCacheKey = (prefix: string, keyHash: string) => `${prefix}:api-key:${keyHash}`;
