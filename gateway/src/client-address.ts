import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of the gateway are trusted to say who the client is: none (`false`, the
 * default: X-Forwarded-For is ignored and the socket's peer is the client), the number of hops
 * in front, or their addresses/subnets (`10.0.0.0/8`, or `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = false | number | string[];

/** Parses TRUST_PROXY: `false`, a hop count, or a comma-separated list of addresses and subnets. */
export function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true') throw new Error('TRUST_PROXY=true would let any client choose its address; name the proxies or their number');
  const list = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  proxyaddr.compile(list); // fails fast on a malformed address or subnet
  return list;
}

/** The client's address of a request (HTTP or WebSocket upgrade), seen through the trusted proxies only. */
export function clientAddressResolver(trust: TrustProxy): (request: IncomingMessage) => string {
  const trusted = trust === false ? () => false : typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  return (request) => {
    const address = proxyaddr(request, trusted);
    return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  };
}
