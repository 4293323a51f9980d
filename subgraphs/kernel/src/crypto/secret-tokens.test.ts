import { describe, expect, it } from 'vitest';
import { hashSecretToken, newSecretToken } from './secret-tokens.js';

describe('secret tokens', () => {
  it('are prefixed, random, and stored only as their SHA-256', () => {
    const first = newSecretToken('cgx');
    const second = newSecretToken('cgx');
    expect(first.token).toMatch(/^cgx_[A-Za-z0-9_-]{43}$/);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(hashSecretToken(first.token));
    expect(first.hash).not.toContain(first.token.slice(4));
  });
});
