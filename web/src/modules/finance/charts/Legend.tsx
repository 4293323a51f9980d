import type { ReactNode } from 'react';

export interface LegendItem {
  key: string;
  label: ReactNode;
  /** The colour: a `fin-tone-*` class's number. */
  tone: number;
  /** A figure after the label (an amount, a share). */
  detail?: ReactNode;
}

/** The colours of a chart and what they stand for. */
export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="fin-legend">
      {items.map((item) => (
        <li key={item.key}>
          <span className={`fin-swatch fin-tone-${item.tone}`} />
          <span>{item.label}</span>
          {item.detail !== undefined ? <span className="fin-legend-detail">{item.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
