import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, parseTrustProxy } from './client-address.js';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('the client address', () => {
  it('is the TCP peer by default, whatever X-Forwarded-For claims', () => {
    const addressOf = clientAddressResolver(parseTrustProxy('false'));
    expect(addressOf(request('::ffff:198.51.100.7', '203.0.113.1'))).toBe('198.51.100.7');
  });

  it('is read through trusted proxies only: by hop count or by their addresses', () => {
    // The client claims 192.0.2.1; the proxy in front of the gateway saw it come from 203.0.113.9.
    const chain = request('10.0.0.2', '192.0.2.1, 203.0.113.9');
    expect(clientAddressResolver(parseTrustProxy('1'))(chain)).toBe('203.0.113.9');
    expect(clientAddressResolver(parseTrustProxy('10.0.0.0/8'))(chain)).toBe('203.0.113.9');
    expect(clientAddressResolver(parseTrustProxy('loopback'))(chain)).toBe('10.0.0.2');
  });

  it('refuses TRUST_PROXY=true and malformed subnets', () => {
    expect(() => parseTrustProxy('true')).toThrow(/any client choose its address/);
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow();
  });
});
