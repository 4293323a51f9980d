import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import type { TaskStatus } from '../../gql/graphql';
import { Button, TextField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { TasksBoardsQuery, TasksCreateBoardMutation } from './operations';
import './tasks.css';

const PAGE = 50;

/** Every board you can see, and "New board" (also opened by `?new=board`, the Cmd+K command). */
export function BoardsPage() {
  const [params, setParams] = useSearchParams();
  const creating = params.get('new') === 'board';
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', 'board');
    else next.delete('new');
    setParams(next, { replace: true });
  };
  const { data, loading, error, refetch, fetchMore } = useQuery(TasksBoardsQuery, { variables: { first: PAGE } });
  const [moreError, setMoreError] = useState<string | null>(null);
  const boards = data?.boards?.nodes ?? [];
  const pageInfo = data?.boards?.pageInfo;

  async function loadMore() {
    setMoreError(null);
    try {
      await fetchMore({
        variables: { first: PAGE, after: pageInfo?.endCursor },
        updateQuery: (previous, { fetchMoreResult }) =>
          previous.boards && fetchMoreResult.boards
            ? { ...fetchMoreResult, boards: { ...fetchMoreResult.boards, nodes: [...previous.boards.nodes, ...fetchMoreResult.boards.nodes] } }
            : (previous as typeof fetchMoreResult),
      });
    } catch (caught) {
      setMoreError(describeError(caught));
    }
  }

  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle="Boards of your organization"
        actions={
          <>
            <Link to="/tasks/list" className="button button-secondary">
              All tasks
            </Link>
            <Button variant="primary" onClick={() => setCreating(true)}>
              New board
            </Button>
          </>
        }
      />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading label="Loading boards…" />
      ) : boards.length === 0 ? (
        <EmptyState title="No boards yet" action={<Button onClick={() => setCreating(true)}>Create the first board</Button>}>
          A board holds tasks in columns, from to do to done.
        </EmptyState>
      ) : (
        <>
          <ul className="board-grid" aria-label="Boards">
            {boards.map((board) => {
              const count = board.columns.reduce((sum, column) => sum + (column.tasks?.totalCount ?? 0), 0);
              return (
                <li key={board.id}>
                  <Link to={`/tasks/boards/${board.id}`} className="card card-link board-card">
                    <span className="board-card-name">{board.name}</span>
                    <span className="muted">
                      {board.columns.length} columns · {count} tasks
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {pageInfo?.hasNextPage ? (
            <Button onClick={() => void loadMore()} busy={loading}>
              More boards
            </Button>
          ) : null}
          <Notice>{moreError}</Notice>
        </>
      )}
      <NewBoardDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

const DEFAULT_COLUMNS: { name: string; status: TaskStatus }[] = [
  { name: 'To do', status: 'TODO' },
  { name: 'In progress', status: 'IN_PROGRESS' },
  { name: 'Done', status: 'DONE' },
];

export function NewBoardDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const [createBoard, { loading }] = useMutation(TasksCreateBoardMutation, { refetchQueries: ['TasksBoards', 'TasksBoardPicker'] });
  const [error, setError] = useState<string | null>(null);
  const [wipLimit, setWipLimit] = useState('');
  const navigate = useNavigate();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return setError('Give the board a name.');
    const limit = wipLimit ? Number(wipLimit) : null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 1)) return setError('The WIP limit is a whole number of at least 1.');
    setError(null);
    try {
      const { data } = await createBoard({
        variables: {
          input: {
            name,
            viewType: 'KANBAN',
            columns: DEFAULT_COLUMNS.map((column) => ({ ...column, wipLimit: column.status === 'IN_PROGRESS' ? limit : null })),
          },
        },
      });
      const failure = describeUserErrors(data?.boardCreate?.userErrors);
      if (failure) return setError(failure);
      const board = data?.boardCreate?.board;
      onOpenChange(false);
      if (board) void navigate(`/tasks/boards/${board.id}`);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New board" description="It starts with the columns To do, In progress and Done.">
      <form className="form" onSubmit={submit}>
        <TextField label="Name" name="name" required autoFocus maxLength={200} />
        <TextField
          label="WIP limit of In progress"
          hint="Optional: how many tasks may be in progress at once."
          type="number"
          min={1}
          inputMode="numeric"
          value={wipLimit}
          onChange={(event) => setWipLimit(event.target.value)}
        />
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            Create board
          </Button>
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
