import { useQuery } from '@apollo/client/react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT, useTranslator } from '../../app/i18n';
import type { FinanceInvoiceListItemFragment, FinanceInvoicesQueryVariables, InvoiceFilter, InvoiceOrder, InvoiceStatus } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState } from '../../ui/states';
import { ContactPicker } from './ContactPicker';
import { FinanceTabs } from './FinanceTabs';
import { m } from './messages';
import { FinanceInvoicesQuery } from './operations';
import { Amount, formatLocalDate, INVOICE_STATUSES, invoiceStatusLabel, StatusBadge } from './shared';
import './finance.css';

export const PAGE_SIZE = 25;

/** The table's sortable columns and the API's order for each. */
const ORDER_FIELDS: Record<string, InvoiceOrder['field']> = {
  number: 'NUMBER',
  issueDate: 'ISSUE_DATE',
  dueDate: 'DUE_DATE',
  total: 'TOTAL',
  amountDue: 'AMOUNT_DUE',
};

export interface InvoiceListState {
  status: InvoiceStatus | '';
  contact: { id: string; name: string } | null;
  /** Calendar dates (yyyy-mm-dd) the issue date lies within, both included. */
  issuedFrom: string;
  issuedTo: string;
  overdueOnly: boolean;
  sorting: SortingState;
  cursor: { after?: string; before?: string };
}

export const INITIAL_STATE: InvoiceListState = { status: '', contact: null, issuedFrom: '', issuedTo: '', overdueOnly: false, sorting: [], cursor: {} };

/** The `invoices` arguments for what the table shows: filters, order and page, all done by the API. */
export function invoicesVariables(state: InvoiceListState): FinanceInvoicesQueryVariables {
  const filter: InvoiceFilter = {};
  if (state.status) filter.status = { eq: state.status };
  if (state.contact) filter.contact = { eq: state.contact.id };
  if (state.issuedFrom || state.issuedTo)
    filter.issueDate = { ...(state.issuedFrom ? { gte: state.issuedFrom } : {}), ...(state.issuedTo ? { lte: state.issuedTo } : {}) };
  if (state.overdueOnly) filter.overdue = true;
  const orderBy = state.sorting.flatMap((sort) => {
    const field = ORDER_FIELDS[sort.id];
    return field ? [{ field, direction: sort.desc ? ('DESC' as const) : ('ASC' as const) }] : [];
  });
  const variables: FinanceInvoicesQueryVariables = state.cursor.before ? { last: PAGE_SIZE, before: state.cursor.before } : { first: PAGE_SIZE };
  if (state.cursor.after) variables.after = state.cursor.after;
  if (Object.keys(filter).length) variables.filter = filter;
  if (orderBy.length) variables.orderBy = orderBy;
  return variables;
}

/** /finance/invoices — the organization's invoices: filtered, sorted and paged by the API. */
export function InvoicesPage() {
  const reader = useTranslator();
  const t = useT();
  const navigate = useNavigate();
  const [state, setState] = useState<InvoiceListState>(INITIAL_STATE);
  const { data, previousData, loading, error, refetch } = useQuery(FinanceInvoicesQuery, {
    variables: invoicesVariables(state),
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.invoices;
  const update = (change: Partial<InvoiceListState>) => setState((was) => ({ ...was, ...change, cursor: change.cursor ?? {} }));

  const columns = useMemo<ColumnDef<FinanceInvoiceListItemFragment, unknown>[]>(
    () => [
      {
        id: 'number',
        header: reader.t(m.number),
        accessorFn: (row) => row.number,
        cell: ({ row }) => <span className="fin-strong">{row.original.number}</span>,
      },
      { id: 'contact', header: reader.t(m.customer), enableSorting: false, cell: ({ row }) => row.original.contact?.name ?? '' },
      { id: 'status', header: reader.t(m.status), enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      {
        id: 'issueDate',
        header: reader.t(m.issued),
        accessorFn: (row) => row.issueDate,
        sortDescFirst: true,
        cell: ({ row }) => formatLocalDate(row.original.issueDate, reader),
      },
      { id: 'dueDate', header: reader.t(m.due), accessorFn: (row) => row.dueDate, cell: ({ row }) => formatLocalDate(row.original.dueDate, reader) },
      {
        id: 'total',
        header: reader.t(m.total),
        accessorFn: (row) => row.total.amount,
        sortDescFirst: true,
        cell: ({ row }) => <Amount value={row.original.total} />,
      },
      {
        id: 'amountDue',
        header: reader.t(m.amountDue),
        accessorFn: (row) => row.amountDue.amount,
        sortDescFirst: true,
        cell: ({ row }) => <Amount value={row.original.amountDue} />,
      },
    ],
    [reader],
  );
  const filtered = Boolean(state.status || state.contact || state.issuedFrom || state.issuedTo || state.overdueOnly);

  return (
    <div className="fin-page">
      <PageHeader
        title={t(m.invoices)}
        subtitle={t(m.invoicesSubtitle)}
        actions={
          <Button variant="primary" onClick={() => void navigate('/finance/invoices/new')}>
            {t(m.newInvoice)}
          </Button>
        }
      />
      <FinanceTabs />
      <form className="fin-filters" role="search" aria-label={t(m.filterInvoices)} onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t(m.status)} value={state.status} onChange={(event) => update({ status: event.target.value as InvoiceStatus | '' })}>
          <option value="">{t(m.anyStatus)}</option>
          {INVOICE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {invoiceStatusLabel(status, reader)}
            </option>
          ))}
        </SelectField>
        <ContactPicker label={t(m.customer)} value={state.contact} onChange={(contact) => update({ contact })} />
        <TextField label={t(m.issuedFrom)} type="date" value={state.issuedFrom} onChange={(event) => update({ issuedFrom: event.target.value })} />
        <TextField label={t(m.issuedTo)} type="date" value={state.issuedTo} onChange={(event) => update({ issuedTo: event.target.value })} />
        <label className="fin-check">
          <input type="checkbox" checked={state.overdueOnly} onChange={(event) => update({ overdueOnly: event.target.checked })} /> {t(m.overdueOnly)}
        </label>
        {filtered ? (
          <Button variant="ghost" onClick={() => setState({ ...INITIAL_STATE, sorting: state.sorting })}>
            {t(m.clearFilters)}
          </Button>
        ) : null}
      </form>
      <DataTable
        label={t(m.invoices)}
        exportable={{ query: FinanceInvoicesQuery, variables: invoicesVariables(state), name: t(m.invoices) }}
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(row) => row.id}
        sorting={state.sorting}
        onSortingChange={(sorting) => update({ sorting })}
        loading={loading}
        error={page ? undefined : error}
        retry={() => void refetch()}
        totalCount={page?.totalCount}
        onOpen={(row) => void navigate(`/finance/invoices/${encodeURIComponent(row.id)}`)}
        empty={
          <EmptyState title={filtered ? t(m.noInvoicesMatch) : t(m.noInvoicesTitle)}>{filtered ? t(m.tryOtherFilters) : t(m.createFirstInvoice)}</EmptyState>
        }
        paging={
          page
            ? {
                hasPreviousPage: page.pageInfo.hasPreviousPage,
                hasNextPage: page.pageInfo.hasNextPage,
                onPrevious: () => page.pageInfo.startCursor && setState((was) => ({ ...was, cursor: { before: page.pageInfo.startCursor! } })),
                onNext: () => page.pageInfo.endCursor && setState((was) => ({ ...was, cursor: { after: page.pageInfo.endCursor! } })),
              }
            : undefined
        }
      />
    </div>
  );
}
