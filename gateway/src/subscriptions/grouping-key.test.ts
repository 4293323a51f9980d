import type { Principal } from '@cellgraph/kernel/core';
import { describe, expect, it } from 'vitest';
import { groupingKey } from './grouping-key.js';

const QUERY = 'subscription($boardId: ID!) { taskChanged(boardId: $boardId) { event } }';
const ORG = '0190a000-0000-7000-8000-000000000001';
const alice: Principal = {
  kind: 'user',
  userId: '0190a000-0000-7000-8000-0000000000a1',
  orgId: ORG,
  sessionId: '0190a000-0000-7000-8000-0000000000c1',
  scopes: ['b', 'a'],
};

describe('groupingKey', () => {
  it('groups the same document, variables (in any key order) and permissions, whatever the session', () => {
    const other = { ...alice, sessionId: '0190a000-0000-7000-8000-0000000000c2', scopes: ['a', 'b'] };
    expect(groupingKey(QUERY, null, { a: 1, boardId: 'B' }, alice)).toBe(groupingKey(QUERY, undefined, { boardId: 'B', a: 1 }, other));
  });

  it('separates another document, operation, variable value, user, organization, scopes or API key', () => {
    const base = groupingKey(QUERY, null, { boardId: 'B' }, alice);
    const others = [
      groupingKey(`${QUERY} `, null, { boardId: 'B' }, alice),
      groupingKey(QUERY, 'Named', { boardId: 'B' }, alice),
      groupingKey(QUERY, null, { boardId: 'C' }, alice),
      groupingKey(QUERY, null, { boardId: 'B' }, { ...alice, userId: '0190a000-0000-7000-8000-0000000000b2' }),
      groupingKey(QUERY, null, { boardId: 'B' }, { ...alice, orgId: '0190a000-0000-7000-8000-000000000002' }),
      groupingKey(QUERY, null, { boardId: 'B' }, { ...alice, scopes: ['a'] }),
      groupingKey(
        QUERY,
        null,
        { boardId: 'B' },
        { kind: 'api_key', keyId: '0190a000-0000-7000-8000-0000000000d1', userId: alice.kind === 'user' ? alice.userId : null, orgId: ORG, scopes: ['a', 'b'] },
      ),
      groupingKey(QUERY, null, { boardId: 'B' }, { kind: 'anonymous' }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});
