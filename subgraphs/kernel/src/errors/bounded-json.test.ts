import { describe, expect, it } from 'vitest';
import { boundedJsonObject, jsonDeeperThan } from './bounded-json.js';
import { readerIssueMessage } from './validation.js';

describe('bounded JSON objects', () => {
  const model = boundedJsonObject({ maxBytes: 64, maxDepth: 2 });

  it('measures depth without descending past the bound', () => {
    expect([jsonDeeperThan(1, 0), jsonDeeperThan({}, 0), jsonDeeperThan({ a: [1] }, 2), jsonDeeperThan({ a: { b: { c: null } } }, 2)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(jsonDeeperThan(deep, 10)).toBe(true);
  });

  it('accepts objects within the bounds and refuses others with a message', () => {
    expect(model.safeParse({ a: 1, b: ['x'] }).success).toBe(true);
    expect(model.safeParse({ a: { b: { c: 1 } } }).error?.issues.map(readerIssueMessage)).toEqual(['Must be nested at most 2 levels deep']);
    expect(readerIssueMessage(model.safeParse({ a: 'é'.repeat(30) }).error!.issues[0]!)).toBe('Must be at most 64 bytes of JSON');
    expect(model.safeParse([1]).success).toBe(false);
    expect(model.safeParse('text').success).toBe(false);
  });
});
