import * as nodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveSubgraphKey, generateInternalContextSecret } from '../crypto/internal-context-keys.js';
import {
  DelegationVerifier,
  InternalContextError,
  JOB_DELEGATION_MAX_TTL_SECONDS,
  InternalContextSigner,
  InternalContextVerifier,
  USER_AGENT_MAX_LENGTH,
} from './internal-context.js';
import type { RequestContext } from './request-context.js';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const context: RequestContext = {
  requestId: 'req-1',
  principal: { kind: 'user', userId: '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f60', orgId: '01890f5e-8a6e-7c3b-9d2a-1b2c3d4e5f61', scopes: [] },
};

const newSecret = () => Buffer.from(generateInternalContextSecret(), 'base64url');

function setup() {
  const secret = newSecret();
  return { secret, signer: InternalContextSigner.create(secret), verifier: new InternalContextVerifier([deriveSubgraphKey(secret, 'tasks')], 'tasks') };
}

/** The code of the InternalContextError `run` throws. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InternalContextError) return error.code;
    throw error;
  }
  throw new Error('accepted');
}

/** `token` with its claims replaced by `edit(claims)`, the MAC kept. */
function withClaims(token: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [version, kid, payload, mac] = token.split('.') as [string, string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [version, kid, Buffer.from(JSON.stringify(edit(claims))).toString('base64url'), mac].join('.');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('internal context', () => {
  it('carries the request context from the gateway to the subgraph, bound to the body', () => {
    const { signer, verifier } = setup();
    const token = signer.sign(context, 'tasks', '{"query":"{ a }"}');
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]{43}$/);
    expect(verifier.verify(token, Buffer.from('{"query":"{ a }"}'))).toEqual(context);
    const fromAddress = { ...context, clientAddress: '203.0.113.7' };
    expect(verifier.verify(signer.sign(fromAddress, 'tasks', 'a'), 'a')).toEqual(fromAddress);
    // The User-Agent (for the audit log), cut to its bound.
    const withAgent = { ...fromAddress, userAgent: 'Mozilla/5.0' };
    expect(verifier.verify(signer.sign(withAgent, 'tasks', 'a'), 'a')).toEqual(withAgent);
    const long = verifier.verify(signer.sign({ ...context, userAgent: 'x'.repeat(2000) }, 'tasks', 'a'), 'a');
    expect(long.userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);
  });

  it('carries the gateway asking for an inline trace (trc), and only that value', () => {
    const { signer, verifier } = setup();
    const traced: RequestContext = { ...context, trace: 'ftv1' };
    expect(verifier.verify(signer.sign(traced, 'tasks', 'a'), 'a')).toEqual(traced);
    expect(verifier.verify(signer.sign(context, 'tasks', 'a'), 'a')).not.toHaveProperty('trace');
    const other = { ...context, trace: 'everything' } as unknown as RequestContext;
    expect(codeOf(() => verifier.verify(signer.sign(other, 'tasks', 'a'), 'a'))).toBe('MALFORMED');
  });

  it('carries the negotiated locale, canonical, and drops one no catalog speaks or too long', () => {
    const { signer, verifier } = setup();
    const german: RequestContext = { ...context, locale: 'de-DE' };
    expect(verifier.verify(signer.sign(german, 'tasks', 'a'), 'a')).toEqual(german);
    expect(verifier.verify(signer.sign({ ...context, locale: 'de-at' }, 'tasks', 'a'), 'a').locale).toBe('de-AT');
    expect(verifier.verify(signer.sign({ ...context, locale: 'fr-FR' }, 'tasks', 'a'), 'a')).not.toHaveProperty('locale');
    const forged = withClaims(signer.sign(context, 'tasks', 'a'), (claims) => ({ ...claims, lng: 'x'.repeat(100) }));
    expect(codeOf(() => verifier.verify(forged, 'a'))).toBe('BAD_MAC');
  });

  it('refuses a missing or malformed token', () => {
    const { verifier } = setup();
    expect(codeOf(() => verifier.verify(undefined, ''))).toBe('MISSING');
    expect(codeOf(() => verifier.verify('v1.a.b', ''))).toBe('MALFORMED');
    expect(codeOf(() => verifier.verify('eyJ.eyJ.sig', ''))).toBe('MALFORMED');
  });

  it('refuses another body, another audience, tampered claims, another secret', () => {
    const { signer, verifier, secret } = setup();
    expect(codeOf(() => verifier.verify(signer.sign(context, 'tasks', 'a'), 'b'))).toBe('BODY_MISMATCH');
    // A token for identity carries identity's audience and identity's MAC.
    expect(codeOf(() => verifier.verify(signer.sign(context, 'identity', 'a'), 'a'))).toBe('WRONG_AUDIENCE');
    const token = signer.sign(context, 'tasks', 'a');
    const system = withClaims(token, (claims) => ({ ...claims, prn: { kind: 'system', orgId: null, scopes: ['*'] } }));
    expect(codeOf(() => verifier.verify(system, 'a'))).toBe('BAD_MAC');
    const otherBody = withClaims(token, (claims) => ({ ...claims, bh: 'x' }));
    expect(codeOf(() => verifier.verify(otherBody, 'a'))).toBe('BAD_MAC');
    const retargeted = withClaims(signer.sign(context, 'identity', 'a'), (claims) => ({ ...claims, aud: 'tasks' }));
    expect(codeOf(() => verifier.verify(retargeted, 'a'))).toBe('BAD_MAC');
    const later = withClaims(token, (claims) => ({ ...claims, exp: (claims.exp as number) + 20 }));
    expect(codeOf(() => verifier.verify(later, 'a'))).toBe('BAD_MAC');
    // Same key id, another secret: what a subgraph holding only its own key could try for another.
    const [, kid] = token.split('.');
    const stranger = InternalContextSigner.create(newSecret()).sign(context, 'tasks', 'a').split('.');
    expect(codeOf(() => verifier.verify(['v1', kid, stranger[2], stranger[3]].join('.'), 'a'))).toBe('BAD_MAC');
    expect(codeOf(() => verifier.verify(stranger.join('.'), 'a'))).toBe('UNKNOWN_KEY');
    expect(secret.length).toBe(32);
  });

  it('compares MACs in constant time', () => {
    const { signer, verifier } = setup();
    const compare = vi.mocked(nodeCrypto.timingSafeEqual);
    compare.mockClear();
    verifier.verify(signer.sign(context, 'tasks', 'a'), 'a');
    expect(compare).toHaveBeenCalledTimes(1);
  });

  it('expires within a minute, so a captured token cannot be replayed later', () => {
    const { signer, verifier } = setup();
    vi.useFakeTimers({ now: Date.now() - 60_000 });
    const old = signer.sign(context, 'tasks', 'a');
    vi.useRealTimers();
    expect(codeOf(() => verifier.verify(old, 'a'))).toBe('EXPIRED');
    vi.useFakeTimers({ now: Date.now() + 25_000 });
    expect(verifier.verify(signer.sign(context, 'tasks', 'a'), 'a')).toEqual(context);
  });

  it('accepts the previous key while the secret is rotated', () => {
    const previous = newSecret();
    const current = newSecret();
    const verifier = new InternalContextVerifier([deriveSubgraphKey(current, 'tasks'), deriveSubgraphKey(previous, 'tasks')], 'tasks');
    expect(verifier.verify(InternalContextSigner.create(previous).sign(context, 'tasks', 'a'), 'a')).toEqual(context);
    expect(verifier.verify(InternalContextSigner.create(current).sign(context, 'tasks', 'a'), 'a')).toEqual(context);
  });

  it('keeps delegations apart from contexts: only the gateway checks them', () => {
    const { secret, signer, verifier } = setup();
    const delegation = signer.delegate(context);
    expect(new DelegationVerifier(secret).verify(delegation)).toEqual(context);
    expect(codeOf(() => new DelegationVerifier(newSecret()).verify(delegation))).toBe('UNKNOWN_KEY');
    expect(codeOf(() => verifier.verify(delegation, ''))).toBe('WRONG_AUDIENCE');
    expect(codeOf(() => new DelegationVerifier(secret).verify(signer.sign(context, 'tasks', '')))).toBe('WRONG_AUDIENCE');
    const asContext = withClaims(delegation, (claims) => ({ ...claims, aud: 'tasks', bh: 'x' }));
    expect(codeOf(() => verifier.verify(asContext, 'a'))).toBe('BAD_MAC');
  });

  it('job delegations live longer, are accepted to ask the graph, never exchanged again nor taken as a context', () => {
    const { secret, signer, verifier } = setup();
    const delegations = new DelegationVerifier(secret);
    const job = signer.delegateToJob(context, 3600);
    expect(delegations.verify(job)).toEqual(context);
    expect(codeOf(() => delegations.verifyRequestDelegation(job))).toBe('WRONG_AUDIENCE');
    expect(delegations.verifyRequestDelegation(signer.delegate(context))).toEqual(context);
    expect(codeOf(() => verifier.verify(job, ''))).toBe('WRONG_AUDIENCE');
    // A request's delegation cannot be stretched: its life is checked against 30 s.
    const stretched = withClaims(signer.delegate(context), (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 }));
    expect(codeOf(() => delegations.verify(stretched))).toBe('BAD_MAC');
    expect(codeOf(() => new DelegationVerifier(newSecret()).verify(job))).toBe('UNKNOWN_KEY');
    expect(() => signer.delegateToJob(context, JOB_DELEGATION_MAX_TTL_SECONDS + 1)).toThrow(RangeError);
    vi.useFakeTimers({ now: Date.now() + 3_700_000 });
    try {
      expect(codeOf(() => delegations.verify(job))).toBe('EXPIRED');
    } finally {
      vi.useRealTimers();
    }
  });
});
