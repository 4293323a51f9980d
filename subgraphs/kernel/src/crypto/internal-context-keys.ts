import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Keys of the internal context (see context/internal-context.ts). The gateway holds one secret,
 * INTERNAL_CONTEXT_SECRET, and derives from it one HMAC-SHA256 key per subgraph; each subgraph is
 * given only its own key (INTERNAL_CONTEXT_KEY_<NAME>), so it can check contexts meant for it but
 * cannot mint one for another subgraph. A key id, derived from the secret, names the secret a token
 * was made with, so that a subgraph can accept the previous key while the secret is rotated.
 */
export interface InternalContextKey {
  kid: string;
  key: Buffer;
}

const SUBGRAPH_KEY_LABEL = 'cellgraph internal context v1:';
const DELEGATION_KEY_LABEL = 'cellgraph delegation v1';
const KEY_ID_LABEL = 'cellgraph internal context key id v1';
const MIN_SECRET_BYTES = 32;

const base64url = /^[A-Za-z0-9_-]+$/;

/** INTERNAL_CONTEXT_SECRET: at least 32 random bytes, base64url. */
export const internalContextSecretSchema = z
  .string({ error: 'is required (base64url, at least 32 random bytes)' })
  .refine((text) => base64url.test(text) && Buffer.from(text, 'base64url').length >= MIN_SECRET_BYTES, 'must be base64url of at least 32 random bytes')
  .transform((text) => Buffer.from(text, 'base64url'));

/** A new secret for INTERNAL_CONTEXT_SECRET. */
export function generateInternalContextSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString('base64url');
}

export function internalContextKeyId(secret: Buffer): string {
  return createHmac('sha256', secret).update(KEY_ID_LABEL).digest('base64url').slice(0, 11);
}

/** The key of the subgraph `name` (the audience of its contexts). */
export function deriveSubgraphKey(secret: Buffer, name: string): InternalContextKey {
  return {
    kid: internalContextKeyId(secret),
    key: createHmac('sha256', secret)
      .update(SUBGRAPH_KEY_LABEL + name)
      .digest(),
  };
}

/** The key of delegations, which only the gateway mints and checks. */
export function deriveDelegationKey(secret: Buffer): InternalContextKey {
  return { kid: internalContextKeyId(secret), key: createHmac('sha256', secret).update(DELEGATION_KEY_LABEL).digest() };
}

/** The variable holding the key of the subgraph `name`: INTERNAL_CONTEXT_KEY_TASKS. */
export function internalContextKeyVariable(name: string): string {
  return `INTERNAL_CONTEXT_KEY_${name.toUpperCase().replaceAll(/[^A-Z0-9]/g, '_')}`;
}

/** A subgraph's keys as its variable's value: `kid:key`, the current first, a previous one after a comma while rotating. */
export function formatInternalContextKeys(keys: readonly InternalContextKey[]): string {
  return keys.map(({ kid, key }) => `${kid}:${key.toString('base64url')}`).join(',');
}

/** INTERNAL_CONTEXT_KEY_<NAME>: one or more `kid:key` (base64url) entries separated by commas. */
export const internalContextKeysSchema = z
  .string({ error: 'is required (the subgraph’s internal-context key, `kid:key`; see the kernel README)' })
  .transform((text, ctx) => {
    const keys: InternalContextKey[] = [];
    for (const entry of text.split(',').map((part) => part.trim())) {
      const [kid, key, extra] = entry.split(':');
      if (!kid || !key || extra !== undefined || !base64url.test(kid) || !base64url.test(key) || Buffer.from(key, 'base64url').length !== 32) {
        ctx.addIssue({ code: 'custom', message: 'must be `kid:key` entries (key: 32 bytes, base64url), separated by commas' });
        return z.NEVER;
      }
      keys.push({ kid, key: Buffer.from(key, 'base64url') });
    }
    return keys;
  });

/** The environment giving each subgraph in `names` its own key, derived from `secret`. */
export function internalContextKeysEnv(secret: Buffer, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [internalContextKeyVariable(name), formatInternalContextKeys([deriveSubgraphKey(secret, name)])]));
}
