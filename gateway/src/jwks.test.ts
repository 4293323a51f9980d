import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokenIssuer, AccessTokenVerifier, generateSigningKeyPair, type PublicJwks } from '@cellgraph/kernel/core';
import { errors } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccessTokenKeys, KeysUnavailableError } from './jwks.js';

// Identity's JWKS endpoint: publishes `published`, or drops connections while `up` is false.
let published: PublicJwks;
let up = true;
let fetches = 0;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!up) return void req.socket.destroy();
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => {
  server.close();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function signingKey(kid: string) {
  const pair = await generateSigningKeyPair(kid);
  const issuer = await AccessTokenIssuer.create(pair.privateJwk, 900);
  const token = async () => (await issuer.issue({ userId: crypto.randomUUID(), orgId: null, sessionId: null, generation: 0 })).token;
  return { publicJwk: pair.publicJwk, token };
}

describe('AccessTokenKeys', () => {
  it('reports an outage, not an invalid token, when the keys were never fetched', async () => {
    const key = await signingKey('k-never');
    published = { keys: [key.publicJwk] };
    up = false;
    const keys = new AccessTokenKeys(jwksUrl, { refreshMs: 60_000, maxStaleMs: 3_600_000 });
    await expect(new AccessTokenVerifier(keys.getKey).verify(await key.token())).rejects.toBeInstanceOf(KeysUnavailableError);
    await expect(keys.keys()).rejects.toBeInstanceOf(KeysUnavailableError);
    expect(keys.report()).toEqual({ status: 'unavailable', ageMs: null, identityUnreachable: true });
    up = true;
  });

  it('fetches as soon as identity answers when it holds no keys (a gateway started before identity)', async () => {
    const key = await signingKey('k-late');
    published = { keys: [key.publicJwk] };
    up = false;
    const keys = new AccessTokenKeys(jwksUrl, { refreshMs: 60_000, maxStaleMs: 3_600_000, cooldownMs: 60_000 });
    await keys.warm();
    const verifier = new AccessTokenVerifier(keys.getKey);
    await expect(verifier.verify(await key.token())).rejects.toBeInstanceOf(KeysUnavailableError);
    up = true;
    await expect(verifier.verify(await key.token())).resolves.toMatchObject({ orgId: null });
  });

  it('keeps verifying with the last keys while identity is unreachable, up to the maximum staleness', async () => {
    // The keys' age is read from the clock, which the test moves: a busy machine cannot make them older than intended.
    vi.useFakeTimers({ toFake: ['Date'] });
    const age = (ms: number) => vi.setSystemTime(Date.now() + ms);
    try {
      const key = await signingKey('k-stale');
      const other = await signingKey('k-unknown');
      published = { keys: [key.publicJwk] };
      up = true;
      const keys = new AccessTokenKeys(jwksUrl, { refreshMs: 50, maxStaleMs: 3_000, cooldownMs: 0 });
      const verifier = new AccessTokenVerifier(keys.getKey);
      const token = await key.token();
      await verifier.verify(token);
      up = false;
      age(100);
      expect(keys.report().status).toBe('stale');
      // Past the refresh time: the refetch fails in the background, the held keys still verify.
      await verifier.verify(token);
      await until(() => keys.report().identityUnreachable);
      await expect(verifier.verify(token)).resolves.toMatchObject({ orgId: null });
      expect(keys.report()).toMatchObject({ status: 'stale', identityUnreachable: true });
      expect(await keys.keys()).toEqual(published);
      // A key it does not hold may be a rotation it cannot learn about: an outage.
      await expect(verifier.verify(await other.token())).rejects.toBeInstanceOf(KeysUnavailableError);
      // Too stale: no longer used.
      age(3_000);
      expect(keys.report().status).toBe('unavailable');
      await expect(verifier.verify(token)).rejects.toBeInstanceOf(KeysUnavailableError);
      up = true;
      await expect(verifier.verify(token)).resolves.toMatchObject({ orgId: null });
      expect(keys.report()).toMatchObject({ status: 'fresh', identityUnreachable: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('picks up a rotation once identity answers, and refuses a key identity does not publish', async () => {
    const oldKey = await signingKey('k-old');
    const newKey = await signingKey('k-new');
    const stranger = await signingKey('k-stranger');
    published = { keys: [oldKey.publicJwk] };
    up = true;
    const keys = new AccessTokenKeys(jwksUrl, { refreshMs: 60_000, maxStaleMs: 3_600_000, cooldownMs: 0 });
    const verifier = new AccessTokenVerifier(keys.getKey);
    await verifier.verify(await oldKey.token());
    published = { keys: [newKey.publicJwk, oldKey.publicJwk] };
    up = false;
    await expect(verifier.verify(await newKey.token())).rejects.toBeInstanceOf(KeysUnavailableError);
    up = true;
    await verifier.verify(await newKey.token());
    await verifier.verify(await oldKey.token());
    await expect(verifier.verify(await stranger.token())).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });

  it('asks identity about unknown keys at most once per cool-down', async () => {
    const key = await signingKey('k-cool');
    const stranger = await signingKey('k-stranger-2');
    published = { keys: [key.publicJwk] };
    up = true;
    const keys = new AccessTokenKeys(jwksUrl, { refreshMs: 60_000, maxStaleMs: 3_600_000, cooldownMs: 60_000 });
    const verifier = new AccessTokenVerifier(keys.getKey);
    await verifier.verify(await key.token());
    const before = fetches;
    for (let i = 0; i < 5; i++) await expect(verifier.verify(await stranger.token())).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetches).toBe(before);
  });
});
