import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/*
 * Server-side request forgery guard: a webhook URL must not make the cell call into its own network.
 * In production only https URLs whose host resolves to public addresses are accepted — on create
 * and update, and again at each delivery, which then connects to the address it checked (so a DNS
 * answer that changes between the check and the connection, DNS rebinding, cannot switch it).
 */

const blocked = new BlockList();
// IPv4: "this network", private, CGNAT, loopback, link-local, IETF protocol assignments, TEST-NETs, benchmarking, multicast, reserved, broadcast.
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
// IPv6: unspecified, loopback, IPv4-compatible/translated forms, discard, documentation, ULA, link-local, site-local, multicast, 6to4 and Teredo (which tunnel to any IPv4).
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`), else null. */
function mappedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:0{0,4}:){0,5}:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Whether `address` (an IP literal) is private, loopback, link-local, CGNAT, multicast, unspecified or otherwise not a public unicast address. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = mappedIpv4(address);
    if (mapped) return blocked.check(mapped, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export type UrlRefusal = 'INVALID' | 'NOT_HTTPS' | 'CREDENTIALS' | 'UNRESOLVABLE' | 'INTERNAL_ADDRESS';

export class WebhookUrlRefused extends Error {
  constructor(
    readonly reason: UrlRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

export interface UrlPolicy {
  /** Plain http and internal addresses allowed (development and tests, or WEBHOOK_ALLOW_PRIVATE_URLS=true). */
  allowPrivate: boolean;
  /** How a host name is resolved (tests pass their own). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** A URL checked for delivery: where to connect (the checked address) and what to ask for. */
export interface CheckedUrl {
  url: URL;
  address: string;
  family: 4 | 6;
}

const resolveAll = async (host: string) => lookup(host, { all: true, verbatim: true });

/**
 * Checks a webhook URL and resolves its host. Refused (WebhookUrlRefused): not an http(s) URL, user
 * info in it, and unless private URLs are allowed: plain http, a host that does not resolve, or one
 * with any internal address among its answers.
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused('INVALID', 'not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlRefused('INVALID', 'must be an http(s) URL');
  if (url.username || url.password) throw new WebhookUrlRefused('CREDENTIALS', 'must not carry a user name or password');
  if (!policy.allowPrivate && url.protocol !== 'https:') throw new WebhookUrlRefused('NOT_HTTPS', 'must be an https URL');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let answers: { address: string; family: number }[];
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try {
      answers = await (policy.resolve ?? resolveAll)(host);
    } catch {
      throw new WebhookUrlRefused('UNRESOLVABLE', `its host ${host} does not resolve`);
    }
  }
  if (!answers.length) throw new WebhookUrlRefused('UNRESOLVABLE', `its host ${host} does not resolve`);
  if (!policy.allowPrivate && answers.some((answer) => isInternalAddress(answer.address))) {
    throw new WebhookUrlRefused('INTERNAL_ADDRESS', `its host ${host} resolves to an internal address`);
  }
  const chosen = answers[0]!;
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}
