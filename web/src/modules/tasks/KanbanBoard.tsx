import { formatDate, idempotencyKey, initials } from '../../app/format';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEventHandler, type PointerEventHandler, type ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import type { TasksCardFragment } from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { Button, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { neighboursAt, withoutTask, withTaskPlaced, wipState, type BoardColumnData, type BoardData } from './boardCache';
import { isOverdue, priorityLabel } from './format';
import { TasksBoardChangedSubscription, TasksBoardQuery, TasksCreateTaskMutation, TasksMoveTaskMutation } from './operations';
import { useT } from '../../app/i18n';
import { boardMessages as k, listMessages as l, m } from './messages';

type Card = TasksCardFragment;
type Items = Record<string, string[]>;

/** A board's columns and cards, with drag and drop (pointer and keyboard) and live changes. */
export function KanbanBoard({ boardId }: { boardId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(TasksBoardQuery, { variables: { id: boardId } });
  const [liveError, setLiveError] = useState<string | null>(null);

  // Other people's changes: the card is put where the server says (or taken off the board).
  useSubscription(TasksBoardChangedSubscription, {
    variables: { boardId },
    onData: ({ client, data: change }) => {
      const taskChange = change.data?.taskChanged;
      if (!taskChange) return;
      setLiveError(null);
      client.cache.updateQuery({ query: TasksBoardQuery, variables: { id: boardId } }, (current) => {
        if (!current?.board) return current;
        const task = taskChange.task;
        const onThisBoard = task && task.board?.id === boardId && task.column;
        const board = onThisBoard ? withTaskPlaced(current.board, task, task.column!.id, 'byPosition') : withoutTask(current.board, taskChange.taskId);
        return board === current.board ? current : { ...current, board };
      });
    },
    onError: (caught) => setLiveError(t(k.livePaused, { reason: describeError(caught) })),
  });

  if (error && !data?.board) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label={t(k.loading)} />;
  const board = data?.board;
  if (!board) return <EmptyState title={t(k.notFound)}>{t(k.gone)}</EmptyState>;

  return (
    <>
      <PageHeader
        title={board.name}
        subtitle={t(k.taskCount, { count: board.columns.reduce((sum, column) => sum + (column.tasks?.totalCount ?? 0), 0) })}
        actions={
          <Link to="/tasks/list" className="button button-secondary">
            {t(k.allTasks)}
          </Link>
        }
      />
      {liveError ? <Notice tone="info">{liveError}</Notice> : null}
      <Columns board={board} boardId={boardId} />
    </>
  );
}

function Columns({ board, boardId }: { board: BoardData; boardId: string }) {
  const t = useT();
  const [moveTask] = useMutation(TasksMoveTaskMutation);
  const [moveError, setMoveError] = useState<string | null>(null);
  const [dragItems, setDragItems] = useState<Items | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const origin = useRef<{ columnId: string; ids: string[] } | null>(null);

  const columns = board.columns;
  const saved = useMemo<Items>(() => Object.fromEntries(columns.map((column) => [column.id, column.tasks?.nodes.map((task) => task.id) ?? []])), [columns]);
  const cards = useMemo(() => new Map(columns.flatMap((column) => column.tasks?.nodes ?? []).map((card) => [card.id, card])), [columns]);
  const columnNames = useMemo(() => new Map(columns.map((column) => [column.id, column.name])), [columns]);
  const items = dragItems ?? saved;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const containerOf = useCallback(
    (id: UniqueIdentifier | undefined | null): string | undefined => {
      if (id == null) return undefined;
      const key = String(id);
      if (key in items) return key;
      return Object.keys(items).find((columnId) => items[columnId]!.includes(key));
    },
    [items],
  );

  /** Moves the card on the server, showing it there at once; a refusal puts it back and says why. */
  const move = useCallback(
    async (card: Card, columnId: string, neighbours: { afterId: string | null; beforeId: string | null }) => {
      setMoveError(null);
      const target = columns.find((column) => column.id === columnId);
      const placement = neighbours.afterId ? { afterId: neighbours.afterId } : { beforeId: neighbours.beforeId };
      try {
        const { data } = await moveTask({
          variables: { input: { id: card.id, columnId, ...placement } },
          optimisticResponse: {
            __typename: 'Mutation',
            taskMove: {
              __typename: 'TaskPayload',
              task: { ...card, status: target?.status ?? card.status, column: { __typename: 'BoardColumn', id: columnId } },
              userErrors: [],
            },
          },
          update(cache, { data: result }) {
            const task = result?.taskMove?.task;
            if (!task) return;
            cache.updateQuery({ query: TasksBoardQuery, variables: { id: boardId } }, (current) =>
              current?.board ? { ...current, board: withTaskPlaced(current.board, task, columnId, placement) } : current,
            );
          },
        });
        const failure = describeUserErrors(data?.taskMove?.userErrors);
        if (failure) setMoveError(t(k.notMoved, { title: card.title, reason: failure }));
      } catch (caught) {
        setMoveError(t(k.notMoved, { title: card.title, reason: describeError(caught) }));
      }
    },
    [columns, moveTask, boardId, t],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    const columnId = containerOf(active.id);
    origin.current = columnId ? { columnId, ids: [...saved[columnId]!] } : null;
    setActiveId(String(active.id));
    setDragItems(saved);
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const from = containerOf(active.id);
    const to = containerOf(over?.id);
    if (!from || !to || from === to) return;
    setDragItems((current) => {
      const state = current ?? saved;
      const source = state[from]!.filter((id) => id !== String(active.id));
      const destination = [...state[to]!];
      const overIndex = destination.indexOf(String(over!.id));
      destination.splice(overIndex === -1 ? destination.length : overIndex, 0, String(active.id));
      return { ...state, [from]: source, [to]: destination };
    });
  };

  const reset = () => {
    setDragItems(null);
    setActiveId(null);
    origin.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const columnId = containerOf(id);
    const card = cards.get(id);
    const start = origin.current;
    if (!over || !columnId || !card || !start) return reset();
    let ids = items[columnId]!;
    const overIndex = ids.indexOf(String(over.id));
    const activeIndex = ids.indexOf(id);
    if (overIndex !== -1 && overIndex !== activeIndex) ids = arrayMove(ids, activeIndex, overIndex);
    const unchanged = start.columnId === columnId && start.ids.join() === ids.join();
    if (!unchanged) void move(card, columnId, neighboursAt(ids, id));
    reset();
  };

  const describe = (id: UniqueIdentifier, overId?: UniqueIdentifier) => {
    const title = cards.get(String(id))?.title ?? t(k.task);
    const columnId = containerOf(overId ?? id);
    if (!columnId) return { title, where: t(k.outside) };
    const ids = items[columnId]!;
    const index = ids.indexOf(String(id));
    const position = index === -1 ? ids.length + 1 : index + 1;
    return { title, where: t(k.where, { column: columnNames.get(columnId), position, count: Math.max(ids.length, position) }) };
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const { title, where } = describe(active.id);
      return t(k.pickedUp, { title, where });
    },
    onDragOver: ({ active, over }) => {
      if (!over) return t(k.notOver, { title: describe(active.id).title });
      const { title, where } = describe(active.id, over.id);
      return t(k.nowIn, { title, where });
    },
    onDragEnd: ({ active, over }) => {
      if (!over) return t(k.droppedInPlace, { title: describe(active.id).title });
      const { title, where } = describe(active.id, over.id);
      return t(k.droppedIn, { title, where });
    },
    onDragCancel: ({ active }) => t(k.cancelled, { title: describe(active.id).title }),
  };

  /** The same move without dragging (the card's menu). */
  const moveBy = (card: Card, columnId: string, direction: 'up' | 'down' | 'end') => {
    const ids = saved[columnId] ?? [];
    if (direction === 'end') return void move(card, columnId, { afterId: ids.filter((id) => id !== card.id).at(-1) ?? null, beforeId: null });
    const index = ids.indexOf(card.id);
    const next = arrayMove(ids, index, direction === 'up' ? index - 1 : index + 1);
    void move(card, columnId, neighboursAt(next, card.id));
  };

  const activeCard = activeId ? cards.get(activeId) : undefined;

  if (columns.length === 0) return <EmptyState title={t(k.noColumns)} />;

  return (
    <>
      {moveError ? (
        <div className="kanban-error">
          <Notice>{moveError}</Notice>
          <Button variant="ghost" onClick={() => setMoveError(null)} aria-label={t(k.dismissError)}>
            ×
          </Button>
        </div>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={reset}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t(k.dragInstructions) } }}
      >
        <div className="kanban" role="list" aria-label={t(k.columns, { board: board.name })}>
          {columns.map((column) => (
            <KanbanColumn
              key={column.id}
              column={column}
              boardId={boardId}
              ids={items[column.id] ?? []}
              cards={cards}
              renderCard={(card, position, count) => (
                <SortableCard key={card.id} card={card} dragging={card.id === activeId}>
                  <CardMenu
                    card={card}
                    columns={columns}
                    columnId={column.id}
                    first={position === 0}
                    last={position === count - 1}
                    onMove={(columnId) => moveBy(card, columnId, 'end')}
                    onUp={() => moveBy(card, column.id, 'up')}
                    onDown={() => moveBy(card, column.id, 'down')}
                  />
                </SortableCard>
              )}
            />
          ))}
        </div>
        <DragOverlay>{activeCard ? <TaskCard card={activeCard} overlay /> : null}</DragOverlay>
      </DndContext>
    </>
  );
}

function KanbanColumn({
  column,
  boardId,
  ids,
  cards,
  renderCard,
}: {
  column: BoardColumnData;
  boardId: string;
  ids: string[];
  cards: Map<string, Card>;
  renderCard(card: Card, position: number, count: number): ReactNode;
}) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: column.id });
  // While dragging, the count follows the cards shown; the server's total counts the rest beyond the page.
  const shown = column.tasks?.nodes.length ?? 0;
  const count = (column.tasks?.totalCount ?? 0) + (ids.length - shown);
  const wip = wipState(count, column.wipLimit);
  const headingId = `column-${column.id}-title`;
  return (
    <section
      className={`kanban-column wip-${wip} ${isOver ? 'kanban-column-over' : ''}`}
      role="listitem"
      aria-labelledby={headingId}
      data-testid={`column-${column.id}`}
      style={column.color ? { borderTopColor: column.color } : undefined}
    >
      <header className="kanban-column-header">
        <h2 id={headingId} className="kanban-column-title">
          {column.name}
        </h2>
        <span
          className="kanban-count"
          data-wip={wip}
          aria-label={column.wipLimit ? t(k.wipCount, { count, limit: column.wipLimit, state: wip }) : t(k.taskCount, { count })}
        >
          {column.wipLimit ? `${count}/${column.wipLimit}` : count}
        </span>
      </header>
      {wip === 'exceeded' ? <p className="kanban-wip-warning">{t(k.overWip)}</p> : null}
      <SortableContext id={column.id} items={ids} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="kanban-cards" aria-label={t(k.tasksIn, { column: column.name })}>
          {ids.map((id, position) => {
            const card = cards.get(id);
            return card ? renderCard(card, position, ids.length) : null;
          })}
        </ul>
      </SortableContext>
      <NewTaskForm boardId={boardId} column={column} />
    </section>
  );
}

function SortableCard({ card, dragging, children }: { card: Card; dragging: boolean; children: ReactNode }) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({ id: card.id });
  const style = { transform: CSS.Transform.toString(transform), transition };
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`kanban-card-slot ${dragging ? 'kanban-card-dragging' : ''}`}
      onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
    >
      <TaskCard
        card={card}
        handle={
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="kanban-handle"
            {...attributes}
            onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
            aria-label={t(k.moveTask, { title: card.title })}
          >
            <span aria-hidden>⠿</span>
          </button>
        }
        menu={children}
      />
    </li>
  );
}

/** A card: title (opens the quick view), assignee, due date, priority, tags. */
export function TaskCard({ card, handle, menu, overlay }: { card: Card; handle?: ReactNode; menu?: ReactNode; overlay?: boolean }) {
  const t = useT();
  const overdue = isOverdue(card.dueDate, card.status);
  return (
    <article className={`kanban-card ${overlay ? 'kanban-card-overlay' : ''}`} aria-label={overlay ? undefined : card.title}>
      <div className="kanban-card-top">
        {handle}
        {overlay ? (
          <span className="kanban-card-title">{card.title}</span>
        ) : (
          <QuickViewLink id={card.id} className="kanban-card-title">
            {card.title}
          </QuickViewLink>
        )}
        {menu}
      </div>
      <div className="kanban-card-meta">
        {card.priority ? <span className={`task-priority task-priority-${card.priority.toLowerCase()}`}>{priorityLabel(card.priority)}</span> : null}
        {card.dueDate ? (
          <span className={`task-due ${overdue ? 'task-due-overdue' : ''}`}>
            <span className="visually-hidden">{overdue ? t(k.overdueDue) : t(k.due)}</span>
            <time dateTime={card.dueDate}>{formatDate(card.dueDate)}</time>
          </span>
        ) : null}
        {card.blocked ? <span className="task-blocked">{t(k.blocked)}</span> : null}
        {card.tags?.map((tag) => (
          <span key={tag.id} className="task-tag" style={{ borderColor: tag.color }}>
            {tag.name}
          </span>
        ))}
        {card.assignee ? (
          <span className="task-assignee" title={card.assignee.name} aria-label={t(k.assignedTo, { name: card.assignee.name })}>
            {initials(card.assignee.name)}
          </span>
        ) : null}
      </div>
    </article>
  );
}

function CardMenu({
  card,
  columns,
  columnId,
  first,
  last,
  onMove,
  onUp,
  onDown,
}: {
  card: Card;
  columns: readonly BoardColumnData[];
  columnId: string;
  first: boolean;
  last: boolean;
  onMove(columnId: string): void;
  onUp(): void;
  onDown(): void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const choose = (action: () => void) => {
    setOpen(false);
    action();
  };
  return (
    <div
      className="kanban-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="kanban-menu-button"
        aria-label={t(k.actionsFor, { title: card.title })}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden>⋯</span>
      </button>
      {open ? (
        <ul id={menuId} className="kanban-menu-list" aria-label={t(k.actionsFor, { title: card.title })}>
          <li>
            <Link className="kanban-menu-item" to={`/tasks/${card.id}`}>
              {t(k.openTaskPage)}
            </Link>
          </li>
          {first ? null : (
            <li>
              <button type="button" className="kanban-menu-item" onClick={() => choose(onUp)}>
                {t(k.moveUp)}
              </button>
            </li>
          )}
          {last ? null : (
            <li>
              <button type="button" className="kanban-menu-item" onClick={() => choose(onDown)}>
                {t(k.moveDown)}
              </button>
            </li>
          )}
          {columns
            .filter((column) => column.id !== columnId)
            .map((column) => (
              <li key={column.id}>
                <button type="button" className="kanban-menu-item" onClick={() => choose(() => onMove(column.id))}>
                  {t(k.moveTo, { column: column.name })}
                </button>
              </li>
            ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Adds a task at the end of a column. */
function NewTaskForm({ boardId, column }: { boardId: string; column: BoardColumnData }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [createTask, { loading }] = useMutation(TasksCreateTaskMutation);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = title.trim();
    if (!text) return setError(t(l.titleRequired));
    setError(null);
    try {
      const { data } = await createTask({
        variables: { input: { title: text, boardId, columnId: column.id, idempotencyKey: idempotencyKey() } },
        update(cache, { data: result }) {
          const task = result?.taskCreate?.task;
          if (!task) return;
          cache.updateQuery({ query: TasksBoardQuery, variables: { id: boardId } }, (current) =>
            current?.board ? { ...current, board: withTaskPlaced(current.board, task, column.id, { afterId: null, beforeId: null }) } : current,
          );
        },
      });
      const failure = describeUserErrors(data?.taskCreate?.userErrors);
      if (failure) return setError(failure);
      setTitle('');
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  if (!open) {
    return (
      <Button variant="ghost" className="kanban-add" onClick={() => setOpen(true)}>
        {t(k.addTask)}
        <span className="visually-hidden">{t(k.toColumn, { column: column.name })}</span>
      </Button>
    );
  }
  return (
    <form className="kanban-new-task" onSubmit={submit}>
      <TextField
        label={t(k.newTaskIn, { column: column.name })}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        autoFocus
        error={error}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={loading}>
          {t(k.add)}
        </Button>
        <Button onClick={() => setOpen(false)}>{t(m.cancel)}</Button>
      </div>
    </form>
  );
}
