import './charts.css';
import { barSpan, niceTicks, scaleLinear } from './scale';

export interface HorizontalBar {
  key: string;
  label: string;
  /** The bar's length and its figure as people read it. */
  value: number;
  display: string;
  /** The colour: a `chart-tone-*` class's number. */
  tone: number;
}

const WIDTH = 640;
const ROW = 28;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 120;

/**
 * One horizontal bar per row in plain SVG, its label before it and its figure after it, all on one
 * scale from zero (a negative value goes left of the zero line).
 */
export function HorizontalBarChart({ bars }: { bars: readonly HorizontalBar[] }) {
  const values = bars.map((bar) => bar.value);
  const axis = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const x = scaleLinear([axis.min, axis.max], [LABEL_WIDTH, WIDTH - VALUE_WIDTH]);
  const height = bars.length * ROW;

  return (
    <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMidYMid meet">
      <line className="chart-tick-zero" x1={x(0)} x2={x(0)} y1={0} y2={height} />
      {bars.map((bar, index) => {
        const span = barSpan(bar.value, x);
        const top = index * ROW;
        return (
          <g key={bar.key} data-bar={bar.key}>
            <text x={LABEL_WIDTH - 8} y={top + ROW / 2} dy="0.32em" textAnchor="end">
              {bar.label}
            </text>
            <rect className={`chart-bar chart-tone-${bar.tone}`} x={span.start} width={span.size} y={top + 5} height={ROW - 10}>
              <title>{`${bar.label}: ${bar.display}`}</title>
            </rect>
            <text className="chart-bar-value" x={Math.max(x(0), span.start + span.size) + 6} y={top + ROW / 2} dy="0.32em">
              {bar.display}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
