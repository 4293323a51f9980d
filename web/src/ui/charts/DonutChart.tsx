import './charts.css';
import type { ReactNode } from 'react';
import { slicePath, slices } from './arcs';

export interface DonutSlice {
  key: string;
  label: string;
  /** The slice's size and its figure as people read it. */
  value: number;
  display: string;
  /** The colour: a `chart-tone-*` class's number. */
  tone: number;
}

const SIZE = 200;
const OUTER = 96;
const INNER = 60;

/** A ring of slices in plain SVG (shares of a whole; negative values count as none), with a figure in its middle. */
export function DonutChart({ parts, center }: { parts: readonly DonutSlice[]; center?: ReactNode }) {
  const geometry = slices(parts.map((part) => part.value));
  return (
    <svg className="chart-svg chart-donut" viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE}>
      {parts.map((part, index) => {
        const path = slicePath(geometry[index]!, SIZE / 2, SIZE / 2, OUTER, INNER);
        return path ? (
          <path key={part.key} className={`chart-slice chart-tone-${part.tone}`} data-slice={part.key} d={path}>
            <title>{`${part.label}: ${part.display} (${Math.round(geometry[index]!.share * 100)}%)`}</title>
          </path>
        ) : null;
      })}
      {center ? (
        <text className="chart-donut-center" x={SIZE / 2} y={SIZE / 2} dy="0.32em" textAnchor="middle">
          {center}
        </text>
      ) : null}
    </svg>
  );
}
