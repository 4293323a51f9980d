import './charts.css';
import { useId, useState, type ReactNode } from 'react';
import { useT } from '../../app/i18n';
import { m } from '../messages';

export interface ChartTableRow {
  key: string;
  /** The row's name (its first cell, a row header). */
  header: ReactNode;
  cells: ReactNode[];
}

export interface ChartTable {
  /** Column headings, the row headers' column first. */
  columns: string[];
  rows: ChartTableRow[];
  /** A totals row. */
  footer?: Omit<ChartTableRow, 'key'>;
}

/**
 * A chart with its figures as a data table: the table is always in the page for screen readers
 * (visually hidden), and "Show the figures" shows it to everyone. The drawing itself is
 * decorative for assistive technology (its `<title>` tooltips are for the pointer). With `empty`
 * (nothing to draw) only the title and that message are shown.
 */
export function ChartFigure({
  title,
  summary,
  table,
  empty,
  children,
}: {
  title: string;
  summary?: ReactNode;
  table: ChartTable;
  empty?: ReactNode;
  children: ReactNode;
}) {
  const t = useT();
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const tableId = useId();
  if (empty)
    return (
      <figure className="chart" aria-labelledby={titleId}>
        <figcaption className="chart-caption">
          <span id={titleId} className="panel-title">
            {title}
          </span>
        </figcaption>
        {empty}
      </figure>
    );
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption className="chart-caption">
        <span id={titleId} className="panel-title">
          {title}
        </span>
        <button type="button" className="button button-ghost" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((shown) => !shown)}>
          {showTable ? t(m.hideFigures) : t(m.showFigures)}
        </button>
      </figcaption>
      {summary ? <div className="chart-summary">{summary}</div> : null}
      <div aria-hidden>{children}</div>
      <div id={tableId} className={showTable ? 'table-scroll' : 'visually-hidden'}>
        <table className="chart-table" aria-label={title}>
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={column} scope="col" className={index > 0 ? 'chart-num' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.header}</th>
                {row.cells.map((cell, index) => (
                  <td key={index} className="chart-num">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.footer ? (
            <tfoot>
              <tr>
                <th scope="row">{table.footer.header}</th>
                {table.footer.cells.map((cell, index) => (
                  <td key={index} className="chart-num">
                    {cell}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </figure>
  );
}
