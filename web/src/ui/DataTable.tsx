import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { Button } from './controls';
import { EmptyState, ErrorState, Loading } from './states';
import { useModules } from '../app/context';
import { useT } from '../app/i18n';
import type { ListExportProps } from '../app/registry';
import { m } from './messages';

export interface CursorPaging {
  hasPreviousPage: boolean;
  hasNextPage: boolean;
  onPrevious(): void;
  onNext(): void;
}

interface DataTableProps<Row> {
  /** What the table lists, for screen readers ("Contacts"). */
  label: string;
  columns: ColumnDef<Row, unknown>[];
  rows: readonly Row[];
  rowId(row: Row): string;
  /** Sorting is the server's: the table reports the wanted order and shows the current one. */
  sorting?: SortingState;
  onSortingChange?(sorting: SortingState): void;
  paging?: CursorPaging;
  loading?: boolean;
  error?: unknown;
  retry?(): void;
  empty?: ReactNode;
  onOpen?(row: Row): void;
  totalCount?: number | null;
  /** Offers an Export of the whole list (its filters and order) when the cell serves exports. */
  exportable?: ListExportProps;
}

/**
 * A table over one page of a connection. Sorting, filtering and paging are done by the API
 * (cursors), never in the browser: the table holds one page, and asks for another.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowId,
  sorting = [],
  onSortingChange,
  paging,
  loading,
  error,
  retry,
  empty,
  onOpen,
  totalCount,
  exportable,
}: DataTableProps<Row>) {
  const t = useT();
  const ListExport = useModules().find((module) => module.listExport)?.listExport;
  const table = useReactTable({
    data: rows as Row[],
    columns,
    getRowId: rowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: true,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange?.(typeof updater === 'function' ? updater(sorting) : updater),
  });

  if (error && rows.length === 0) return <ErrorState error={error} retry={retry} />;
  if (loading && rows.length === 0) return <Loading />;
  if (rows.length === 0) return <>{empty ?? <EmptyState title={t(m.nothingHereYet)} />}</>;

  return (
    <div className="data-table">
      {exportable && ListExport ? (
        <div className="data-table-toolbar">
          <ListExport {...exportable} />
        </div>
      ) : null}
      <div className="table-scroll">
        <table aria-label={label} aria-busy={loading || undefined}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort() && Boolean(onSortingChange);
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {canSort ? (
                        <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden>{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={onOpen ? 'row-openable' : undefined}
                tabIndex={onOpen ? 0 : undefined}
                onClick={onOpen ? () => onOpen(row.original) : undefined}
                onKeyDown={
                  onOpen
                    ? (event) => {
                        if (event.key === 'Enter') onOpen(row.original);
                      }
                    : undefined
                }
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paging || totalCount != null ? (
        <nav className="table-paging" aria-label={t(m.tablePages, { label })}>
          {totalCount != null ? <span className="muted">{t(m.inAll, { count: totalCount })}</span> : <span />}
          {paging ? (
            <span className="button-row">
              <Button onClick={paging.onPrevious} disabled={!paging.hasPreviousPage || loading}>
                {t(m.previous)}
              </Button>
              <Button onClick={paging.onNext} disabled={!paging.hasNextPage || loading}>
                {t(m.next)}
              </Button>
            </span>
          ) : null}
        </nav>
      ) : null}
      {error ? <ErrorState error={error} retry={retry} /> : null}
    </div>
  );
}
