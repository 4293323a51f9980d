import { describe, expect, it } from 'vitest';
import { parseHighlights } from './highlight.js';

describe('parseHighlights', () => {
  it('returns the plain text and the ranges of the marked words', () => {
    const parsed = parseHighlights('Ship the \u0002quarterly\u0003 \u0002report\u0003 — é ok');
    expect(parsed.text).toBe('Ship the quarterly report — é ok');
    expect(parsed.highlights.map(({ start, length }) => parsed.text.slice(start, start + length))).toEqual(['quarterly', 'report']);
  });

  it('keeps text without marks as it is and ignores an unclosed mark', () => {
    expect(parseHighlights('plain <b>text</b>')).toMatchObject({ text: 'plain <b>text</b>', highlights: [] });
    expect(parseHighlights('a \u0002b').highlights).toEqual([]);
  });
});
