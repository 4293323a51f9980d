import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSigningKeyPair } from '../crypto/signing-keys.js';
import { InternalContextSigner, InternalContextVerifier } from './internal-context.js';
import type { RequestContext } from './request-context.js';

const context: RequestContext = {
  requestId: 'req-1',
  principal: { kind: 'user', userId: '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f60', orgId: '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f61', scopes: [] },
};

async function setup() {
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  return { signer: await InternalContextSigner.create(privateJwk), verifier: new InternalContextVerifier({ keys: [publicJwk] }, 'tasks') };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('internal context', () => {
  it('carries the request context from the gateway to the subgraph', async () => {
    const { signer, verifier } = await setup();
    const token = await signer.sign(context, 'tasks', '{"query":"{ a }"}');
    await expect(verifier.verify(token, Buffer.from('{"query":"{ a }"}'))).resolves.toEqual(context);
    const fromAddress = { ...context, clientAddress: '203.0.113.7' };
    await expect(verifier.verify(await signer.sign(fromAddress, 'tasks', 'a'), 'a')).resolves.toEqual(fromAddress);
  });

  it('carries the gateway asking for an inline trace (trc), and only that value', async () => {
    const { signer, verifier } = await setup();
    const traced: RequestContext = { ...context, trace: 'ftv1' };
    await expect(verifier.verify(await signer.sign(traced, 'tasks', 'a'), 'a')).resolves.toEqual(traced);
    expect(await verifier.verify(await signer.sign(context, 'tasks', 'a'), 'a')).not.toHaveProperty('trace');
    const other = { ...context, trace: 'everything' } as unknown as RequestContext;
    await expect(verifier.verify(await signer.sign(other, 'tasks', 'a'), 'a')).rejects.toThrow('malformed internal context');
  });

  it('refuses a missing token, another body, another audience and a tampered payload', async () => {
    const { signer, verifier } = await setup();
    await expect(verifier.verify(undefined, '')).rejects.toThrow('missing internal context');
    await expect(verifier.verify(await signer.sign(context, 'tasks', 'a'), 'b')).rejects.toThrow('does not match the request body');
    await expect(verifier.verify(await signer.sign(context, 'identity', 'a'), 'a')).rejects.toThrow(/invalid internal context/);
    const [header, , signature] = (await signer.sign(context, 'tasks', 'a')).split('.');
    const forged = Buffer.from(JSON.stringify({ rid: 'x', prn: { kind: 'system', orgId: null, scopes: ['*'] }, bh: '' })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`, 'a')).rejects.toThrow(/invalid internal context/);
  });

  it('expires within a minute, so a captured token cannot be replayed later', async () => {
    const { signer, verifier } = await setup();
    vi.useFakeTimers({ now: Date.now() - 60_000 });
    const old = await signer.sign(context, 'tasks', 'a');
    vi.useRealTimers();
    await expect(verifier.verify(old, 'a')).rejects.toThrow(/invalid internal context/);
  });
});
