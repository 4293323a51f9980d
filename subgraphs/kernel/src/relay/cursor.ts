import { invalidInput } from '../errors/coded-error.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/**
 * Cursors are opaque to clients: base64url of JSON `{ s, v }` where `v` holds the sort-key values
 * of an item and `s` names the ordering they belong to, so a cursor taken under one `orderBy`
 * is refused under another instead of silently skipping items. Each value is Postgres's own text
 * of the key (or null), so it casts back to exactly the stored value (timestamps to the µs).
 */
export type CursorValue = string | null;

export function encodeCursor(ordering: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: ordering, v: values }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, ordering: string, expectedLength: number, argument: string): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidInput(text(kernelMessages.invalidCursor, { argument }), { argument });
  }
  const shape = parsed as { s?: unknown; v?: unknown };
  if (typeof shape !== 'object' || shape === null || !Array.isArray(shape.v) || shape.v.length !== expectedLength) {
    throw invalidInput(text(kernelMessages.invalidCursor, { argument }), { argument });
  }
  if (shape.s !== ordering) {
    throw invalidInput(text(kernelMessages.cursorOtherOrder, { argument }), { argument });
  }
  const values = shape.v as unknown[];
  if (!values.every((value) => value === null || typeof value === 'string')) {
    throw invalidInput(text(kernelMessages.invalidCursor, { argument }), { argument });
  }
  return values as CursorValue[];
}
