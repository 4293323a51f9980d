import { useMutation, useQuery } from '@apollo/client/react';
import { formatDate, idempotencyKey } from '../../app/format';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import type { TaskFilter, TaskOrder, TaskOrderField, TaskPriority, TaskStatus, TasksListQuery } from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { useCursorPages } from '../../ui/paging';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { ImportLink } from '../imports/ImportLink';
import { EmptyState, Notice } from '../../ui/states';
import { fromDateInput, isOverdue, priorityLabel, statusLabel } from './format';
import { TasksCreateTaskMutation, TasksListQuery as ListQuery } from './operations';
import { BoardSelect, MemberSelect, PrioritySelect, StatusSelect, useBoards } from './pickers';
import './tasks.css';
import { useT } from '../../app/i18n';
import { listMessages as l, m } from './messages';

type Row = NonNullable<TasksListQuery['tasks']>['nodes'][number];

const PAGE = 25;
const UNASSIGNED = '__none__';

/** Table column → the API's order field (the others do not sort). */
const ORDER_FIELDS: Record<string, TaskOrderField> = {
  title: 'TITLE',
  dueDate: 'DUE_DATE',
  createdAt: 'CREATED_AT',
  updatedAt: 'UPDATED_AT',
};

interface Filters {
  text: string;
  status: string;
  priority: string;
  assignee: string;
  board: string;
  dueBefore: string;
}

const NO_FILTERS: Filters = { text: '', status: '', priority: '', assignee: '', board: '', dueBefore: '' };

function toFilter(filters: Filters): TaskFilter | null {
  const filter: TaskFilter = {};
  if (filters.text.trim()) filter.title = { contains: filters.text.trim() };
  if (filters.status) filter.status = { eq: filters.status as TaskStatus };
  if (filters.priority) filter.priority = { eq: filters.priority as TaskPriority };
  if (filters.assignee === UNASSIGNED) filter.assignee = { isNull: true };
  else if (filters.assignee) filter.assignee = { eq: filters.assignee };
  if (filters.board) filter.board = { eq: filters.board };
  const due = fromDateInput(filters.dueBefore);
  if (due) filter.dueDate = { lt: due };
  return Object.keys(filter).length ? filter : null;
}

/** Every task of the organization: filtered, sorted and paged by the API. */
export function TaskListPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const creating = params.get('new') === 'task';
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', 'task');
    else next.delete('new');
    setParams(next, { replace: true });
  };
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sorting, setSorting] = useState<SortingState>([]);
  const pages = useCursorPages(PAGE);

  const orderBy = useMemo<TaskOrder[] | null>(
    () =>
      sorting.length
        ? sorting.flatMap((sort) => (ORDER_FIELDS[sort.id] ? [{ field: ORDER_FIELDS[sort.id]!, direction: sort.desc ? 'DESC' : 'ASC' }] : []))
        : null,
    [sorting],
  );
  const filter = useMemo(() => toFilter(filters), [filters]);
  const variables = { ...pages.variables, filter, orderBy };
  const { data, previousData, loading, error, refetch } = useQuery(ListQuery, { variables });
  const connection = (data ?? previousData)?.tasks;
  const rows = connection?.nodes ?? [];

  const change = (patch: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...patch }));
    pages.reset();
  };

  const columns = useMemo<ColumnDef<Row, unknown>[]>(
    () => [
      {
        id: 'title',
        header: t(l.title),
        cell: ({ row }) => (
          // The row opens the page; the title opens the quick view (and only that).
          <span onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
            <QuickViewLink id={row.original.id}>{row.original.title}</QuickViewLink>
          </span>
        ),
      },
      {
        id: 'status',
        header: t(l.status),
        enableSorting: false,
        cell: ({ row }) => <span className={`task-status task-status-${row.original.status.toLowerCase()}`}>{statusLabel(row.original.status)}</span>,
      },
      {
        id: 'priority',
        header: t(l.priority),
        enableSorting: false,
        cell: ({ row }) => (row.original.priority ? priorityLabel(row.original.priority) : <span className="muted">—</span>),
      },
      {
        id: 'assignee',
        header: t(l.assignee),
        enableSorting: false,
        cell: ({ row }) => row.original.assignee?.name ?? <span className="muted">{t(l.unassigned)}</span>,
      },
      {
        id: 'dueDate',
        header: t(l.due),
        cell: ({ row }) =>
          row.original.dueDate ? (
            <time dateTime={row.original.dueDate} className={isOverdue(row.original.dueDate, row.original.status) ? 'task-due-overdue' : undefined}>
              {formatDate(row.original.dueDate)}
            </time>
          ) : (
            <span className="muted">—</span>
          ),
      },
      {
        id: 'board',
        header: t(l.board),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.board ? (
            <Link to={`/tasks/boards/${row.original.board.id}`} onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
              {row.original.board.name}
              {row.original.column ? ` · ${row.original.column.name}` : ''}
            </Link>
          ) : (
            <span className="muted">—</span>
          ),
      },
      { id: 'updatedAt', header: t(l.updated), cell: ({ row }) => formatDate(row.original.updatedAt) },
    ],
    [t],
  );

  const filtered = filter !== null;
  return (
    <>
      <PageHeader
        title={t(l.allTasks)}
        actions={
          <>
            <Link to="/tasks" className="button button-secondary">
              {t(l.boards)}
            </Link>
            <ImportLink type="Task" />
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t(m.newTask)}
            </Button>
          </>
        }
      />
      <form className="task-filters" role="search" aria-label={t(l.filterTasks)} onSubmit={(event) => event.preventDefault()}>
        <TextField label={t(l.titleContains)} type="search" value={filters.text} onChange={(event) => change({ text: event.target.value })} />
        <StatusSelect label={t(l.status)} emptyLabel={t(l.anyStatus)} value={filters.status} onChange={(event) => change({ status: event.target.value })} />
        <PrioritySelect
          label={t(l.priority)}
          emptyLabel={t(l.anyPriority)}
          value={filters.priority}
          onChange={(event) => change({ priority: event.target.value })}
        />
        <AssigneeFilter value={filters.assignee} onChange={(assignee) => change({ assignee })} />
        <BoardSelect label={t(l.board)} emptyLabel={t(l.anyBoard)} value={filters.board} onChange={(event) => change({ board: event.target.value })} />
        <TextField label={t(l.dueBefore)} type="date" value={filters.dueBefore} onChange={(event) => change({ dueBefore: event.target.value })} />
        {filtered ? (
          <Button onClick={() => change(NO_FILTERS)} className="task-filters-clear">
            {t(l.clearFilters)}
          </Button>
        ) : null}
      </form>
      <DataTable
        label={t(m.tasks)}
        exportable={{ query: ListQuery, variables, name: t(m.tasks) }}
        columns={columns}
        rows={rows}
        rowId={(row) => row.id}
        sorting={sorting}
        onSortingChange={(next) => {
          setSorting(next);
          pages.reset();
        }}
        loading={loading}
        error={error}
        retry={() => void refetch()}
        totalCount={connection?.totalCount}
        onOpen={(row) => void navigate(`/tasks/${row.id}`)}
        paging={pages.paging(connection?.pageInfo)}
        empty={
          filtered ? (
            <EmptyState title={t(l.noMatch)} action={<Button onClick={() => change(NO_FILTERS)}>{t(l.clearFilters)}</Button>} />
          ) : (
            <EmptyState title={t(l.noTasks)} action={<Button onClick={() => setCreating(true)}>{t(l.createTask)}</Button>} />
          )
        }
      />
      <NewTaskDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

function AssigneeFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const t = useT();
  return (
    <MemberSelect
      label={t(l.assignee)}
      emptyLabel={t(l.anyone)}
      extraOptions={[{ value: UNASSIGNED, label: t(l.unassigned) }]}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** Creates a task (anywhere: on a board's column, or on none); opens it when created. */
export function NewTaskDialog({
  open,
  onOpenChange,
  defaults,
  onCreated,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  defaults?: { boardId?: string; parentId?: string };
  onCreated?(taskId: string): void | Promise<void>;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { boards } = useBoards();
  const [boardId, setBoardId] = useState(defaults?.boardId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [createTask, { loading }] = useMutation(TasksCreateTaskMutation, { refetchQueries: ['TasksList'] });
  const board = boards.find((candidate) => candidate.id === boardId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '').trim();
    if (!title) return setError(t(l.titleRequired));
    const text = (name: string) => String(form.get(name) ?? '') || null;
    setError(null);
    try {
      const { data } = await createTask({
        variables: {
          input: {
            title,
            description: text('description'),
            priority: text('priority') as TaskPriority | null,
            dueDate: fromDateInput(String(form.get('dueDate') ?? '')),
            assigneeId: text('assigneeId'),
            boardId: boardId || null,
            columnId: text('columnId'),
            parentId: defaults?.parentId ?? null,
            idempotencyKey: idempotencyKey(),
          },
        },
      });
      const failure = describeUserErrors(data?.taskCreate?.userErrors);
      if (failure) return setError(failure);
      const task = data?.taskCreate?.task;
      onOpenChange(false);
      if (!task) return;
      if (onCreated) await onCreated(task.id);
      else void navigate(`/tasks/${task.id}`);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t(m.newTask)}>
      <form className="form" onSubmit={submit}>
        <TextField label={t(l.title)} name="title" required autoFocus maxLength={500} />
        <TextArea label={t(l.description)} name="description" />
        <div className="form-row">
          <BoardSelect label={t(l.board)} value={boardId} onChange={(event) => setBoardId(event.target.value)} />
          {board ? (
            <SelectField label={t(l.column)} name="columnId" defaultValue="">
              <option value="">{t(l.firstColumn)}</option>
              {board.columns.map((column) => (
                <option key={column.id} value={column.id}>
                  {column.name}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <div className="form-row">
          <PrioritySelect label={t(l.priority)} name="priority" defaultValue="" />
          <TextField label={t(l.dueDate)} name="dueDate" type="date" />
        </div>
        <MemberSelect label={t(l.assignee)} name="assigneeId" defaultValue="" />
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(l.createTaskButton)}
          </Button>
          <Button onClick={() => onOpenChange(false)}>{t(m.cancel)}</Button>
        </div>
      </form>
    </Dialog>
  );
}
