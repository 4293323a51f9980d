import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from './page-size.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keysetCondition, pageRequest, type SortKey } from './paginate.js';
import { argumentsKey } from './paginate-groups.js';

const sort: SortKey[] = [
  { name: 'due', path: 't.due', direction: 'ASC', sqlType: 'timestamptz' },
  { name: 'id', path: 't.id', direction: 'ASC', sqlType: 'uuid' },
];

describe('page requests', () => {
  it('defaults to the first 50 and validates the Relay arguments', () => {
    expect(pageRequest({})).toEqual({ forward: true, size: 50, cursor: null, cursorArgument: 'after' });
    expect(pageRequest({ last: 3, before: 'c' })).toEqual({ forward: false, size: 3, cursor: 'c', cursorArgument: 'before' });
    expect(() => pageRequest({ first: MAX_PAGE_SIZE + 1 })).toThrow('first must be between 0 and 100');
    expect(() => pageRequest({ first: 1, last: 1 })).toThrow('either first or last');
    expect(() => pageRequest({ after: 'a', before: 'b' })).toThrow('either after or before');
  });
});

describe('cursors', () => {
  it('round-trip and are tied to their ordering', () => {
    const cursor = encodeCursor('due:ASC,id:ASC', ['2026-01-01T00:00:00.000Z', 'x']);
    expect(decodeCursor(cursor, 'due:ASC,id:ASC', 2, 'after')).toEqual(['2026-01-01T00:00:00.000Z', 'x']);
    expect(() => decodeCursor(cursor, 'due:DESC,id:DESC', 2, 'after')).toThrow('different orderBy');
    expect(() => decodeCursor(cursor, 'due:ASC,id:ASC', 3, 'after')).toThrow('not a valid cursor');
    expect(() => decodeCursor('%%%', 'x', 1, 'before')).toThrow('before is not a valid cursor');
  });
});

describe('keyset conditions', () => {
  it('treats null as the greatest value', () => {
    expect(keysetCondition(sort, ['2026-01-01', 'a'], true).sql).toBe(
      '(((t.due > CAST(:keyset0 AS timestamptz) OR t.due IS NULL)) OR (t.due = CAST(:keyset0 AS timestamptz) AND (t.id > CAST(:keyset1 AS uuid) OR t.id IS NULL)))',
    );
    expect(keysetCondition(sort, [null, 'a'], true).sql).toBe('((FALSE) OR (t.due IS NULL AND (t.id > CAST(:keyset1 AS uuid) OR t.id IS NULL)))');
    expect(keysetCondition(sort, [null, 'a'], false).sql).toBe('((t.due IS NOT NULL) OR (t.due IS NULL AND t.id < CAST(:keyset1 AS uuid)))');
  });
});

describe('argumentsKey', () => {
  it('does not depend on key order, at any depth', () => {
    expect(argumentsKey({ first: 2, filter: { a: 1, b: { c: 1, d: 2 } } })).toBe(argumentsKey({ filter: { b: { d: 2, c: 1 }, a: 1 }, first: 2 }));
    expect(argumentsKey({ first: 2 })).not.toBe(argumentsKey({ first: 3 }));
  });
});
