import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../authenticate.js';
import { RateLimitedError } from '../rate-limit.js';
import { revalidation } from './revalidation.js';
import { gatewayMessages } from '../messages.js';

describe('revalidation', () => {
  it('is valid when the credentials are accepted', async () => {
    expect(await revalidation(async () => ({}), 1_000)).toEqual({ kind: 'valid' });
  });

  it('revokes only on a definitive refusal of the credentials', async () => {
    const verdict = await revalidation(() => Promise.reject(new AuthenticationError(gatewayMessages.invalidApiKey)), 1_000);
    expect(verdict).toEqual({ kind: 'revoked', reason: 'Invalid, expired or revoked API key' });
  });

  it('decides nothing when identity is unavailable or rate limited', async () => {
    const unavailable = await revalidation(
      () => Promise.reject(Object.assign(new Error('Authentication is unavailable'), { code: 'SERVICE_UNAVAILABLE' })),
      1_000,
    );
    expect(unavailable.kind).toBe('undecided');
    const limited = await revalidation(
      () => Promise.reject(new RateLimitedError(gatewayMessages.tooManyUnknownKeys, { allowed: false, remaining: 0, resetSeconds: 1 } as never)),
      1_000,
    );
    expect(limited.kind).toBe('undecided');
  });

  it('decides nothing when the check does not answer in time (a later refusal is ignored)', async () => {
    let refuse!: () => void;
    const pending = new Promise<never>((_, reject) => (refuse = () => reject(new AuthenticationError(gatewayMessages.sessionSignedOut))));
    const verdict = await revalidation(() => pending, 20);
    expect(verdict).toEqual({ kind: 'undecided', reason: 'no answer within 20 ms' });
    refuse();
  });
});
