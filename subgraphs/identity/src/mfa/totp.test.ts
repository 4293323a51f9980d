import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, matchTotp, otpauthUrl, totpCode } from './totp.js';

// RFC 6238 appendix B, SHA-1 seed.
const seed = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    expect(totpCode(seed, Math.floor(59 / 30), 8)).toBe('94287082');
    expect(totpCode(seed, Math.floor(1111111109 / 30), 8)).toBe('07081804');
    expect(totpCode(seed, Math.floor(1234567890 / 30), 8)).toBe('89005924');
    expect(totpCode(seed, Math.floor(20000000000 / 30), 8)).toBe('65353130');
  });

  it('accepts the codes of adjacent steps once, and nothing older', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(matchTotp(seed, totpCode(seed, step), null, now)).toBe(step);
    expect(matchTotp(seed, totpCode(seed, step - 1), null, now)).toBe(step - 1);
    expect(matchTotp(seed, totpCode(seed, step - 2), null, now)).toBeNull();
    expect(matchTotp(seed, totpCode(seed, step), step, now)).toBeNull(); // replay
    expect(matchTotp(seed, 'abcdef', null, now)).toBeNull();
  });

  it('round-trips base32 and builds an otpauth URL', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(otpauthUrl(seed, 'ada@example.test')).toBe(
      'otpauth://totp/Cellgraph%3Aada%40example.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Cellgraph&algorithm=SHA1&digits=6&period=30',
    );
  });
});
