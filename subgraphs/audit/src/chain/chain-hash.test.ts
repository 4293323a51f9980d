import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, type HashedEntry } from './chain-hash.js';

const entry: HashedEntry = {
  orgId: '0190a5b0-0000-7000-8000-000000000001',
  seq: 1,
  eventId: '0190a5b0-0000-7000-8000-000000000002',
  action: 'api_key.created',
  occurredAt: '2026-01-02T03:04:05.678Z',
  actorUserId: null,
  actorApiKeyId: null,
  actorApiKeyName: null,
  clientAddress: '203.0.113.9',
  userAgent: 'curl/8',
  targetType: 'ApiKey',
  targetId: '0190a5b0-0000-7000-8000-000000000003',
  data: { name: 'ci', scopes: ['tasks:read'] },
  requestId: 'r1',
  prevHash: GENESIS_HASH,
};

describe('the chain hash', () => {
  it('serializes objects with sorted keys at every level, so key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"e":null,"f":1}]},"b":1}');
    expect(entryHash({ ...entry, data: { scopes: ['tasks:read'], name: 'ci' } })).toBe(entryHash(entry));
  });

  it('changes with any field and with the previous hash', () => {
    const hash = entryHash(entry);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...entry, clientAddress: '203.0.113.10' })).not.toBe(hash);
    expect(entryHash({ ...entry, data: { name: 'ci', scopes: ['tasks:write'] } })).not.toBe(hash);
    expect(entryHash({ ...entry, prevHash: hash })).not.toBe(hash);
  });
});
