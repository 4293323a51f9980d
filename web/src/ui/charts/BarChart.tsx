import './charts.css';
import { Legend } from './Legend';
import { bands, barSpan, niceTicks, scaleLinear } from './scale';

export interface BarSeries {
  key: string;
  label: string;
  /** The colour: a `chart-tone-*` class's number. */
  tone: number;
}

export interface BarGroup {
  key: string;
  /** Under the group on the axis ("Mar"). */
  label: string;
  /** In its tooltips ("March 2026"). */
  title: string;
  /** One per series, in the series' order: the bar's height and its figure as people read it. */
  values: { value: number; display: string }[];
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 10, right: 8, bottom: 24, left: 64 };
/** At most about this many group labels on the axis; more groups label every n-th. */
const MAX_LABELS = 12;

/**
 * Grouped vertical bars in plain SVG: one group per category (a month), one bar per series, from
 * zero up or down (negative values go below the zero line), a y axis of round ticks and a legend.
 */
export function BarChart({
  series,
  groups,
  formatTick,
}: {
  series: readonly BarSeries[];
  groups: readonly BarGroup[];
  formatTick(tick: number, decimals: number): string;
}) {
  const values = groups.flatMap((group) => group.values.map((entry) => entry.value));
  const axis = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const y = scaleLinear([axis.min, axis.max], [HEIGHT - MARGIN.bottom, MARGIN.top]);
  const groupBands = bands(groups.length, MARGIN.left, WIDTH - MARGIN.right, 0.25);
  const barBands = bands(series.length, 0, groupBands.width, 0.1);
  const labelEvery = Math.ceil(groups.length / MAX_LABELS);

  return (
    <>
      <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" preserveAspectRatio="xMidYMid meet">
        <g className="chart-axis">
          {axis.ticks.map((tick) => (
            <g key={tick} className={tick === 0 ? 'chart-tick chart-tick-zero' : 'chart-tick'}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                {formatTick(tick, axis.decimals)}
              </text>
            </g>
          ))}
        </g>
        {groups.map((group, groupIndex) => {
          const left = groupBands.start(groupIndex);
          return (
            <g key={group.key} className="chart-bar-group" data-group={group.key}>
              {series.map((entry, seriesIndex) => {
                const figure = group.values[seriesIndex];
                if (!figure) return null;
                const span = barSpan(figure.value, y);
                return (
                  <rect
                    key={entry.key}
                    className={`chart-bar chart-tone-${entry.tone}`}
                    data-series={entry.key}
                    x={left + barBands.start(seriesIndex)}
                    width={barBands.width}
                    y={span.start}
                    height={span.size}
                  >
                    <title>{`${group.title} · ${entry.label}: ${figure.display}`}</title>
                  </rect>
                );
              })}
              {groupIndex % labelEvery === 0 ? (
                <text className="chart-axis-label" x={left + groupBands.width / 2} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
                  {group.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <Legend items={series.map((entry) => ({ key: entry.key, label: entry.label, tone: entry.tone }))} />
    </>
  );
}
