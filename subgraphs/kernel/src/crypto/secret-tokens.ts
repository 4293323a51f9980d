import { createHash, randomBytes } from 'node:crypto';

/**
 * High-entropy secrets handed to people once (refresh tokens, reset links, invitations, API keys,
 * document review links): 32 random bytes behind a recognisable prefix. Only their SHA-256 is
 * stored — a slow hash adds nothing against 256 bits of entropy — and lookups go by that hash.
 */
export function newSecretToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
