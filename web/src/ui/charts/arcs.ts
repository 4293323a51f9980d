/* Donut geometry, pure: slices of a ring as SVG paths, clockwise from twelve o'clock. */

export interface Slice {
  /** Angles in radians, 0 at twelve o'clock, clockwise. */
  start: number;
  end: number;
  /** The slice's share of the whole (0–1). */
  share: number;
}

const TURN = 2 * Math.PI;

/**
 * One slice per value, in order, sized by its share of the sum. Negative and non-finite values
 * count as 0 (a ring has no negative slices); all zero → every slice empty (start = end = 0).
 */
export function slices(values: readonly number[]): Slice[] {
  const sizes = values.map((value) => (Number.isFinite(value) && value > 0 ? value : 0));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let angle = 0;
  return sizes.map((size) => {
    const share = total > 0 ? size / total : 0;
    const start = angle;
    angle += share * TURN;
    return { start, end: angle, share };
  });
}

const point = (cx: number, cy: number, radius: number, angle: number) => `${round(cx + radius * Math.sin(angle))} ${round(cy - radius * Math.cos(angle))}`;
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The SVG path of a ring slice between `outer` and `inner` radii centred on (cx, cy). A full turn
 * is drawn as two halves (an arc cannot end where it starts); an empty slice has no path ('').
 */
export function slicePath(slice: Pick<Slice, 'start' | 'end'>, cx: number, cy: number, outer: number, inner: number): string {
  const sweep = slice.end - slice.start;
  if (sweep <= 0) return '';
  if (sweep >= TURN - 1e-9) {
    const half = slice.start + Math.PI;
    return `${slicePath({ start: slice.start, end: half }, cx, cy, outer, inner)} ${slicePath({ start: half, end: slice.start + TURN }, cx, cy, outer, inner)}`;
  }
  const large = sweep > Math.PI ? 1 : 0;
  return [
    `M ${point(cx, cy, outer, slice.start)}`,
    `A ${outer} ${outer} 0 ${large} 1 ${point(cx, cy, outer, slice.end)}`,
    `L ${point(cx, cy, inner, slice.end)}`,
    `A ${inner} ${inner} 0 ${large} 0 ${point(cx, cy, inner, slice.start)}`,
    'Z',
  ].join(' ');
}
