import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isInternalAddress, WebhookUrlRefused } from './url-guard.js';

const resolvingTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const refusal = async (url: string, policy: Parameters<typeof checkWebhookUrl>[1]) => {
  try {
    await checkWebhookUrl(url, policy);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookUrlRefused);
    return (error as WebhookUrlRefused).reason;
  }
};

describe('internal addresses', () => {
  it('are private, loopback, link-local, CGNAT, multicast, unspecified and reserved ones, in IPv4 and IPv6 (also IPv4-mapped)', () => {
    for (const address of [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '127.0.0.1',
      '127.255.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '0:0:0:0:0:ffff:7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'not an address',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('leave public unicast addresses alone', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isInternalAddress(address), address).toBe(false);
    }
  });
});

describe('checkWebhookUrl in production (private URLs not allowed)', () => {
  const production = { allowPrivate: false, resolve: resolvingTo('93.184.216.34') };

  it('accepts an https URL on a public address and says where to connect', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/in', production)).resolves.toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  it('refuses plain http, other schemes, credentials and garbage', async () => {
    expect(await refusal('http://hooks.example.com/in', production)).toBe('NOT_HTTPS');
    expect(await refusal('ftp://hooks.example.com/in', production)).toBe('INVALID');
    expect(await refusal('https://user:pw@hooks.example.com/in', production)).toBe('CREDENTIALS');
    expect(await refusal('hooks.example.com', production)).toBe('INVALID');
  });

  it('refuses hosts that resolve to an internal address (any of their answers), literal internal addresses and unresolvable hosts', async () => {
    expect(await refusal('https://internal.example.com/', { allowPrivate: false, resolve: resolvingTo('10.0.0.5') })).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://mixed.example.com/', { allowPrivate: false, resolve: resolvingTo('93.184.216.34', '127.0.0.1') })).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://mapped.example.com/', { allowPrivate: false, resolve: resolvingTo('::ffff:169.254.169.254') })).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://127.0.0.1/', production)).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://[::1]:8443/', production)).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://169.254.169.254/latest/meta-data', production)).toBe('INTERNAL_ADDRESS');
    expect(await refusal('https://nowhere.invalid/', { allowPrivate: false, resolve: () => Promise.reject(new Error('ENOTFOUND')) })).toBe('UNRESOLVABLE');
  });
});

describe('checkWebhookUrl with private URLs allowed (development, tests)', () => {
  it('accepts plain http on loopback and private addresses', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:8080/hook', { allowPrivate: true })).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkWebhookUrl('http://internal.example.com/', { allowPrivate: true, resolve: resolvingTo('10.0.0.5') })).resolves.toMatchObject({
      address: '10.0.0.5',
    });
  });

  it('still refuses other schemes and credentials', async () => {
    expect(await refusal('file:///etc/passwd', { allowPrivate: true })).toBe('INVALID');
    expect(await refusal('http://a:b@127.0.0.1/', { allowPrivate: true })).toBe('CREDENTIALS');
  });
});
