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
import { useT } from '../../app/i18n';
import { statusLabel } from './format';
import { boardsMessages as b, m } from './messages';

const PAGE = 50;

/** Every board you can see, and "New board" (also opened by `?new=board`, the Cmd+K command). */
export function BoardsPage() {
  const t = useT();
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
        title={t(m.tasks)}
        subtitle={t(b.subtitle)}
        actions={
          <>
            <Link to="/tasks/list" className="button button-secondary">
              {t(b.allTasks)}
            </Link>
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t(m.newBoard)}
            </Button>
          </>
        }
      />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading label={t(b.loading)} />
      ) : boards.length === 0 ? (
        <EmptyState title={t(b.noBoards)} action={<Button onClick={() => setCreating(true)}>{t(b.createFirst)}</Button>}>
          {t(b.explanation)}
        </EmptyState>
      ) : (
        <>
          <ul className="board-grid" aria-label={t(b.boards)}>
            {boards.map((board) => {
              const count = board.columns.reduce((sum, column) => sum + (column.tasks?.totalCount ?? 0), 0);
              return (
                <li key={board.id}>
                  <Link to={`/tasks/boards/${board.id}`} className="card card-link board-card">
                    <span className="board-card-name">{board.name}</span>
                    <span className="muted">{t(b.summary, { columns: board.columns.length, tasks: count })}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
          {pageInfo?.hasNextPage ? (
            <Button onClick={() => void loadMore()} busy={loading}>
              {t(b.moreBoards)}
            </Button>
          ) : null}
          <Notice>{moreError}</Notice>
        </>
      )}
      <NewBoardDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

/** A new board's columns, named in the language of whoever creates it. */
const DEFAULT_COLUMNS: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS', 'DONE'];

export function NewBoardDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const t = useT();
  const [createBoard, { loading }] = useMutation(TasksCreateBoardMutation, { refetchQueries: ['TasksBoards', 'TasksBoardPicker'] });
  const [error, setError] = useState<string | null>(null);
  const [wipLimit, setWipLimit] = useState('');
  const navigate = useNavigate();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    if (!name) return setError(t(b.nameRequired));
    const limit = wipLimit ? Number(wipLimit) : null;
    if (limit !== null && (!Number.isInteger(limit) || limit < 1)) return setError(t(b.wipInvalid));
    setError(null);
    try {
      const { data } = await createBoard({
        variables: {
          input: {
            name,
            viewType: 'KANBAN',
            columns: DEFAULT_COLUMNS.map((status) => ({ name: statusLabel(status), status, wipLimit: status === 'IN_PROGRESS' ? limit : null })),
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
    <Dialog open={open} onOpenChange={onOpenChange} title={t(m.newBoard)} description={t(b.newBoardDescription)}>
      <form className="form" onSubmit={submit}>
        <TextField label={t(m.name)} name="name" required autoFocus maxLength={200} />
        <TextField
          label={t(b.wipLimit)}
          hint={t(b.wipHint)}
          type="number"
          min={1}
          inputMode="numeric"
          value={wipLimit}
          onChange={(event) => setWipLimit(event.target.value)}
        />
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(b.createBoard)}
          </Button>
          <Button onClick={() => onOpenChange(false)}>{t(m.cancel)}</Button>
        </div>
      </form>
    </Dialog>
  );
}
