import { describe, expect, it } from 'vitest';
import { bands, barSpan, niceTicks, scaleLinear } from './scale';

describe('niceTicks', () => {
  it('covers zero to the maximum in round steps', () => {
    expect(niceTicks(0, 1234)).toEqual({ min: 0, max: 1250, ticks: [0, 250, 500, 750, 1000, 1250], step: 250, decimals: 0 });
    expect(niceTicks(0, 100).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 7).ticks).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0, 98_765_432.1).ticks).toEqual([0, 20_000_000, 40_000_000, 60_000_000, 80_000_000, 100_000_000]);
  });

  it('draws a chart of zeros on 0–1 with the one tick 0', () => {
    expect(niceTicks(0, 0)).toEqual({ min: 0, max: 1, ticks: [0], step: 1, decimals: 0 });
    expect(niceTicks(Number.NaN, Number.POSITIVE_INFINITY)).toEqual({ min: 0, max: 1, ticks: [0], step: 1, decimals: 0 });
  });

  it('keeps zero on the axis when every value is on one side of it', () => {
    expect(niceTicks(40, 90).min).toBe(0);
    const below = niceTicks(-830, -10);
    expect(below.max).toBe(0);
    expect(below.ticks).toEqual([-1000, -800, -600, -400, -200, 0]);
  });

  it('spans a negative and a positive value (a loss and a profit) with zero among the ticks', () => {
    const axis = niceTicks(-300.25, 1500.2);
    expect(axis.ticks).toContain(0);
    expect(axis.min).toBeLessThanOrEqual(-300.25);
    expect(axis.max).toBeGreaterThanOrEqual(1500.2);
    expect(axis.ticks).toEqual([-500, 0, 500, 1000, 1500, 2000]);
  });

  it('writes fractional steps without float noise', () => {
    expect(niceTicks(0, 0.3)).toEqual({ min: 0, max: 0.3, ticks: [0, 0.1, 0.2, 0.3], step: 0.1, decimals: 1 });
    expect(niceTicks(0, 0.12).ticks).toEqual([0, 0.025, 0.05, 0.075, 0.1, 0.125]);
    expect(niceTicks(0, 0.12).decimals).toBe(3);
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('always has evenly spaced ascending ticks from min to max covering the values', () => {
    for (const [min, max] of [
      [0, 1],
      [0, 9.99],
      [-1, 1],
      [-5000, 17],
      [0, 123_456.78],
      [3, 3],
      [-0.004, 0.009],
    ] as const) {
      const axis = niceTicks(min, max);
      expect(axis.ticks[0]).toBe(axis.min);
      expect(axis.ticks.at(-1)).toBe(axis.max);
      expect(axis.min).toBeLessThanOrEqual(Math.min(0, min));
      expect(axis.max).toBeGreaterThanOrEqual(Math.max(0, max));
      axis.ticks.slice(1).forEach((tick, index) => expect(tick - axis.ticks[index]!).toBeCloseTo(axis.step, 9));
      expect(axis.ticks.length).toBeLessThanOrEqual(12);
    }
  });
});

describe('scales', () => {
  it('maps a domain onto pixels, upside down for a y axis', () => {
    const y = scaleLinear([-500, 2000], [200, 0]);
    expect(y(-500)).toBe(200);
    expect(y(2000)).toBe(0);
    expect(y(0)).toBe(160);
    expect(scaleLinear([5, 5], [10, 90])(7)).toBe(10);
  });

  it('sizes bars from zero, a negative one below the zero line with a positive height', () => {
    const y = scaleLinear([-500, 2000], [200, 0]);
    expect(barSpan(1000, y)).toEqual({ start: 80, size: 80 });
    expect(barSpan(-300.25, y)).toEqual({ start: 160, size: expect.closeTo(24.02, 6) as number });
    expect(barSpan(0, y)).toEqual({ start: 160, size: 0 });
  });

  it('lays out equal bands with padding between them', () => {
    const layout = bands(4, 0, 400, 0.2);
    expect(layout.step).toBe(100);
    expect(layout.width).toBe(80);
    expect([0, 1, 2, 3].map(layout.start)).toEqual([10, 110, 210, 310]);
    expect(bands(0, 0, 400).width).toBe(0);
  });
});
