import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane (Argon2id is the library's default algorithm).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** ≥ 12 characters with an upper-case letter, a digit and a special character. */
export const passwordPolicy = z
  .string()
  .min(12, 'Password must be at least 12 characters long')
  .max(256, 'Password must be at most 256 characters long')
  .regex(/[A-Z]/, 'Password must contain an upper-case letter')
  .regex(/[0-9]/, 'Password must contain a digit')
  .regex(/[^A-Za-z0-9]/, 'Password must contain a special character');

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a random password, verified against when the e-mail is unknown so that a sign-in
// attempt takes as long whether or not the account exists.
const decoyHash = hashPassword(`decoy-${Math.random()}-Aa1!`);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
