import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { zodMessage } from '@cellgraph/kernel/core';
import { identityValidationMessages } from '../messages.js';

// OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane (Argon2id is the library's default algorithm).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** ≥ 12 characters with an upper-case letter, a digit and a special character. */
export const passwordPolicy = z
  .string()
  .min(12, zodMessage(identityValidationMessages.passwordTooShort))
  .max(256, zodMessage(identityValidationMessages.passwordTooLong))
  .regex(/[A-Z]/, zodMessage(identityValidationMessages.passwordUpperCase))
  .regex(/[0-9]/, zodMessage(identityValidationMessages.passwordDigit))
  .regex(/[^A-Za-z0-9]/, zodMessage(identityValidationMessages.passwordSpecial));

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
