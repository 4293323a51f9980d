import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Order by fractional keys: a new position is a key between its neighbours', so a move writes one
 * row. Keys grow when items are inserted again and again at the same spot; past this length a
 * list is rebalanced (every key rewritten, evenly spaced). Keys compare byte-wise (COLLATE "C").
 */
export const MAX_KEY_LENGTH = 24;

export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function evenlySpacedKeys(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}

export const needsRebalance = (key: string) => key.length > MAX_KEY_LENGTH;
