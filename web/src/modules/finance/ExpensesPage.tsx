import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { describeError, splitUserErrors } from '../../app/errors';
import { idempotencyKey } from '../../app/format';
import { useT, useTranslator } from '../../app/i18n';
import type { ExpenseCategory, ExpenseOrder, ExpenseStatus, FinanceExpenseFragment, FinanceExpensesQueryVariables } from '../../gql/graphql';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Notice } from '../../ui/states';
import { uploadFile, UploadError } from '../files/upload';
import { FinanceTabs } from './FinanceTabs';
import { m } from './messages';
import {
  FinanceExpenseApproveMutation,
  FinanceExpenseReimburseMutation,
  FinanceExpenseRejectMutation,
  FinanceExpenseSubmitMutation,
  FinanceExpensesQuery,
} from './operations';
import { Amount, attempt, categoryLabel, EXPENSE_CATEGORIES, EXPENSE_STATUSES, formatLocalDate, StatusBadge, statusLabel, today } from './shared';
import './finance.css';

const PAGE_SIZE = 25;
const ORDER_FIELDS: Record<string, ExpenseOrder['field']> = { expenseDate: 'EXPENSE_DATE', amount: 'AMOUNT', vendor: 'VENDOR' };

export interface ExpenseListState {
  status: ExpenseStatus | '';
  category: ExpenseCategory | '';
  sorting: SortingState;
  cursor: { after?: string; before?: string };
}

/** The `expenses` arguments: filters, order and page, all done by the API. */
export function expensesVariables(state: ExpenseListState): FinanceExpensesQueryVariables {
  const variables: FinanceExpensesQueryVariables = state.cursor.before ? { last: PAGE_SIZE, before: state.cursor.before } : { first: PAGE_SIZE };
  if (state.cursor.after) variables.after = state.cursor.after;
  if (state.status || state.category)
    variables.filter = { ...(state.status ? { status: { eq: state.status } } : {}), ...(state.category ? { category: { eq: state.category } } : {}) };
  const orderBy = state.sorting.flatMap((sort) => {
    const field = ORDER_FIELDS[sort.id];
    return field ? [{ field, direction: sort.desc ? ('DESC' as const) : ('ASC' as const) }] : [];
  });
  if (orderBy.length) variables.orderBy = orderBy;
  return variables;
}

/** /finance/expenses — expenses with their receipts; finance managers approve, reject and reimburse. */
export function ExpensesPage() {
  const reader = useTranslator();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<ExpenseListState>({ status: '', category: '', sorting: [], cursor: {} });
  const { data, previousData, loading, error, refetch } = useQuery(FinanceExpensesQuery, {
    variables: expensesVariables(state),
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.expenses;
  const update = (change: Partial<ExpenseListState>) => setState((was) => ({ ...was, ...change, cursor: change.cursor ?? {} }));
  const submitting = params.get('new') !== null;
  const setSubmitting = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else next.delete('new');
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnDef<FinanceExpenseFragment, unknown>[]>(
    () => [
      {
        id: 'expenseDate',
        header: reader.t(m.date),
        accessorFn: (row) => row.expenseDate,
        sortDescFirst: true,
        cell: ({ row }) => formatLocalDate(row.original.expenseDate, reader),
      },
      { id: 'category', header: reader.t(m.category), enableSorting: false, cell: ({ row }) => categoryLabel(row.original.category, reader) },
      { id: 'vendor', header: reader.t(m.vendor), accessorFn: (row) => row.vendor, cell: ({ row }) => row.original.vendor ?? '' },
      { id: 'amount', header: reader.t(m.amount), accessorFn: (row) => row.amount.amount, cell: ({ row }) => <Amount value={row.original.amount} /> },
      { id: 'submitter', header: reader.t(m.submittedBy), enableSorting: false, cell: ({ row }) => row.original.submitter.name },
      {
        id: 'receipt',
        header: reader.t(m.receipt),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.receipt ? (
            <a href={row.original.receipt.downloadUrl} onClick={(event) => event.stopPropagation()}>
              {row.original.receipt.name}
            </a>
          ) : (
            ''
          ),
      },
      { id: 'status', header: reader.t(m.status), enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'actions', header: reader.t(m.decision), enableSorting: false, cell: ({ row }) => <ExpenseDecision expense={row.original} /> },
    ],
    [reader],
  );

  return (
    <div className="fin-page">
      <PageHeader
        title={t(m.expenses)}
        subtitle={t(m.expensesSubtitle)}
        actions={
          <Button variant="primary" onClick={() => setSubmitting(true)}>
            {t(m.submitExpense)}
          </Button>
        }
      />
      <FinanceTabs />
      <form className="fin-filters" role="search" aria-label={t(m.filterExpenses)} onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t(m.status)} value={state.status} onChange={(event) => update({ status: event.target.value as ExpenseStatus | '' })}>
          <option value="">{t(m.anyStatus)}</option>
          {EXPENSE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status, reader)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.category)} value={state.category} onChange={(event) => update({ category: event.target.value as ExpenseCategory | '' })}>
          <option value="">{t(m.anyCategory)}</option>
          {EXPENSE_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {categoryLabel(category, reader)}
            </option>
          ))}
        </SelectField>
      </form>
      <DataTable
        label={t(m.expenses)}
        exportable={{ query: FinanceExpensesQuery, variables: expensesVariables(state), name: t(m.expenses) }}
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(row) => row.id}
        sorting={state.sorting}
        onSortingChange={(sorting) => update({ sorting })}
        loading={loading}
        error={page ? undefined : error}
        retry={() => void refetch()}
        totalCount={page?.totalCount}
        empty={<EmptyState title={t(m.noExpenses)}>{t(m.noExpensesHint)}</EmptyState>}
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
      <Dialog open={submitting} onOpenChange={setSubmitting} title={t(m.submitExpense)}>
        <SubmitExpenseForm onSubmitted={() => setSubmitting(false)} />
      </Dialog>
    </div>
  );
}

/** Approve or reject a pending expense (with a reason), reimburse an approved one; the server decides who may. */
function ExpenseDecision({ expense }: { expense: FinanceExpenseFragment }) {
  const t = useT();
  const [failure, setFailure] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [approve, { loading: approving }] = useMutation(FinanceExpenseApproveMutation);
  const [reject, { loading: rejectLoading }] = useMutation(FinanceExpenseRejectMutation);
  const [reimburse, { loading: reimbursing }] = useMutation(FinanceExpenseReimburseMutation);
  const input = { id: expense.id };
  const stop = (event: { stopPropagation(): void }) => event.stopPropagation();

  if (expense.status === 'REJECTED') return <span className="muted">{expense.rejectionReason}</span>;
  return (
    <div className="fin-decision" onClick={stop}>
      {expense.status === 'PENDING' && !rejecting ? (
        <>
          <Button busy={approving} onClick={async () => setFailure(await attempt(async () => (await approve({ variables: { input } })).data?.expenseApprove))}>
            {t(m.approve)}
          </Button>
          <Button variant="ghost" onClick={() => setRejecting(true)}>
            {t(m.reject)}
          </Button>
        </>
      ) : null}
      {rejecting ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const refused = await attempt(async () => (await reject({ variables: { input: { ...input, reason: reason.trim() } } })).data?.expenseReject);
            setFailure(refused);
            if (!refused) setRejecting(false);
          }}
        >
          <TextField label={t(m.why)} value={reason} onChange={(event) => setReason(event.target.value)} required />
          <Button type="submit" variant="danger" busy={rejectLoading}>
            {t(m.rejectExpense)}
          </Button>
        </form>
      ) : null}
      {expense.status === 'APPROVED' ? (
        <Button
          busy={reimbursing}
          onClick={async () => setFailure(await attempt(async () => (await reimburse({ variables: { input } })).data?.expenseReimburse))}
        >
          {t(m.markReimbursed)}
        </Button>
      ) : null}
      <Notice>{failure}</Notice>
    </div>
  );
}

const FORM_FIELDS = ['category', 'amount', 'currencyCode', 'expenseDate', 'vendor', 'description', 'receiptId'];

/** A new expense: its figures and a receipt uploaded through the files module first (`uploadFile`). */
function SubmitExpenseForm({ onSubmitted }: { onSubmitted(): void }) {
  const reader = useTranslator();
  const t = useT();
  const client = useApolloClient();
  const [category, setCategory] = useState<ExpenseCategory>('SOFTWARE');
  const [amount, setAmount] = useState('');
  const [currencyCode, setCurrencyCode] = useState('USD');
  const [expenseDate, setExpenseDate] = useState(today());
  const [vendor, setVendor] = useState('');
  const [description, setDescription] = useState('');
  const [receipt, setReceipt] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [key] = useState(idempotencyKey);
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string | null }>({ byField: {}, general: null });
  const [submit, { loading }] = useMutation(FinanceExpenseSubmitMutation, { refetchQueries: ['FinanceExpenses'] });

  async function send(event: FormEvent) {
    event.preventDefault();
    setErrors({ byField: {}, general: null });
    try {
      let receiptId: string | null = null;
      if (receipt) {
        setProgress(0);
        receiptId = (await uploadFile(client, receipt, { onProgress: setProgress })).id;
      }
      const payload = (
        await submit({
          variables: {
            input: {
              category,
              amount: amount.trim(),
              currencyCode,
              expenseDate,
              vendor: vendor.trim() || null,
              description: description.trim() || null,
              receiptId,
              idempotencyKey: key,
            },
          },
        })
      ).data?.expenseSubmit;
      const failures = splitUserErrors(payload?.userErrors, FORM_FIELDS);
      if (failures.general || Object.keys(failures.byField).length) return setErrors(failures);
      onSubmitted();
    } catch (caught) {
      setErrors({ byField: {}, general: caught instanceof UploadError ? t(m.receiptFailed, { problem: caught.message }) : describeError(caught) });
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="form" onSubmit={send}>
      <SelectField
        label={t(m.category)}
        value={category}
        onChange={(event) => setCategory(event.target.value as ExpenseCategory)}
        error={errors.byField.category}
      >
        {EXPENSE_CATEGORIES.map((option) => (
          <option key={option} value={option}>
            {categoryLabel(option, reader)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t(m.amount)}
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={errors.byField.amount}
        required
      />
      <TextField
        label={t(m.currency)}
        value={currencyCode}
        onChange={(event) => setCurrencyCode(event.target.value.toUpperCase())}
        error={errors.byField.currencyCode}
      />
      <TextField
        label={t(m.date)}
        type="date"
        value={expenseDate}
        onChange={(event) => setExpenseDate(event.target.value)}
        error={errors.byField.expenseDate}
      />
      <TextField label={t(m.vendor)} value={vendor} onChange={(event) => setVendor(event.target.value)} error={errors.byField.vendor} />
      <TextArea label={t(m.description)} value={description} onChange={(event) => setDescription(event.target.value)} error={errors.byField.description} />
      <TextField label={t(m.receipt)} type="file" onChange={(event) => setReceipt(event.target.files?.[0] ?? null)} error={errors.byField.receiptId} />
      {progress !== null ? <progress max={1} value={progress} aria-label={t(m.uploadingReceipt)} /> : null}
      <Notice>{errors.general}</Notice>
      <div>
        <Button type="submit" variant="primary" busy={loading || progress !== null}>
          {t(m.submitExpense)}
        </Button>
      </div>
    </form>
  );
}
