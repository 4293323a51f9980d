import { describe, expect, it } from 'vitest';
import { slicePath, slices } from './arcs';

describe('donut slices', () => {
  it('shares the turn by value, clockwise from twelve o’clock', () => {
    const [a, b] = slices([3, 1]);
    expect(a).toEqual({ start: 0, end: 1.5 * Math.PI, share: 0.75 });
    expect(b!.start).toBe(1.5 * Math.PI);
    expect(b!.end).toBeCloseTo(2 * Math.PI, 12);
  });

  it('gives negative, non-finite and all-zero values no slice', () => {
    expect(slices([0, 0]).map((slice) => slice.share)).toEqual([0, 0]);
    expect(slices([-5, Number.NaN, 2]).map((slice) => slice.share)).toEqual([0, 0, 1]);
    expect(slicePath(slices([0])[0]!, 100, 100, 90, 60)).toBe('');
  });

  it('draws a ring slice as two arcs, the large-arc flag past half a turn', () => {
    expect(slicePath({ start: 0, end: Math.PI / 2 }, 100, 100, 90, 60)).toBe('M 100 10 A 90 90 0 0 1 190 100 L 160 100 A 60 60 0 0 0 100 40 Z');
    expect(slicePath({ start: 0, end: 1.5 * Math.PI }, 100, 100, 90, 60)).toContain('A 90 90 0 1 1 10 100');
  });

  it('draws a whole ring (one category) as two halves', () => {
    const path = slicePath(slices([42])[0]!, 100, 100, 90, 60);
    expect(path.match(/M /g)).toHaveLength(2);
    expect(path).toContain('M 100 10 A 90 90 0 0 1 100 190');
  });
});
