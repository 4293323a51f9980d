/*
 * Chart geometry, pure: axis ticks and scales in plain numbers. Numbers are only for drawing (pixel
 * positions); the figures a person reads come from the API's exact decimal strings.
 */

export interface Ticks {
  /** The axis' domain: from the lowest tick to the highest. */
  min: number;
  max: number;
  /** Round values from min to max, ascending, evenly spaced (one step apart). */
  ticks: number[];
  /** Their step. */
  step: number;
  /** Digits after the point the ticks need (0 for 500, 1 for 2.5, 2 for 0.05). */
  decimals: number;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * About `count` round ticks covering [min, max] and zero (bars grow from zero): 0–1234 → 0, 250, …,
 * 1250; −300–900 → −500, 0, 500, 1000 in steps of 250 or 500. A span of zero (every value 0) is
 * drawn on 0–1 with the single tick 0; values that are not finite count as 0.
 */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  const low = Math.min(0, Number.isFinite(min) ? min : 0);
  const high = Math.max(0, Number.isFinite(max) ? max : 0);
  if (high === low) return { min: 0, max: 1, ticks: [0], step: 1, decimals: 0 };
  const rough = (high - low) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const nice = NICE_STEPS.find((step) => rough / magnitude <= step + 1e-9) ?? 10;
  const step = nice * magnitude;
  // 2.5 × 10^k has one digit more than its magnitude; a step of 10^-2 needs two.
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (nice === 2.5 ? 1 : 0));
  const first = Math.floor(low / step + 1e-9);
  const last = Math.ceil(high / step - 1e-9);
  const ticks: number[] = [];
  for (let index = first; index <= last; index++) ticks.push(round(index * step, decimals));
  return { min: ticks[0]!, max: ticks[ticks.length - 1]!, ticks, step: round(step, decimals), decimals };
}

/** `value` without float noise (0.30000000000000004 → 0.3), and never −0. */
function round(value: number, decimals: number): number {
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/** A linear map from a domain to a range (pixels); a domain of zero width maps everything to its start. */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => r0;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

export interface Bands {
  /** Where band `index` starts. */
  start(index: number): number;
  /** Each band's width. */
  width: number;
  /** Distance from one band's start to the next's. */
  step: number;
}

/**
 * `count` equal bands across [from, to], a share `padding` (0–1) of each step left empty between
 * them (half of it at each end): the categories of a bar chart, or the bars of one category.
 */
export function bands(count: number, from: number, to: number, padding = 0.2): Bands {
  const step = count > 0 ? (to - from) / count : 0;
  const width = step * (1 - padding);
  return { start: (index) => from + index * step + (step - width) / 2, width, step };
}

/** Bar geometry between a value and zero, whichever side of zero it is on (SVG heights are ≥ 0). */
export function barSpan(value: number, scale: (value: number) => number): { start: number; size: number } {
  const zero = scale(0);
  const end = scale(value);
  return { start: Math.min(zero, end), size: Math.abs(end - zero) };
}
