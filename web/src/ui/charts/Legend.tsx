import './charts.css';
import type { ReactNode } from 'react';

export interface LegendItem {
  key: string;
  label: ReactNode;
  /** The colour: a `chart-tone-*` class's number. */
  tone: number;
  /** A figure after the label (an amount, a share). */
  detail?: ReactNode;
}

/** The colours of a chart and what they stand for. */
export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span className={`chart-swatch chart-tone-${item.tone}`} />
          <span>{item.label}</span>
          {item.detail !== undefined ? <span className="chart-legend-detail">{item.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
