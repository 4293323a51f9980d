import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { CrmDealCardFragment, CrmPipelineBoardQuery } from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { Money, totalsByCurrency, type MoneyValue } from './money';
import { CrmDealMoveMutation, CrmPipelineBoardQuery as BoardQuery } from './operations';
import { formatLocalDate } from './shared';

type Stage = NonNullable<CrmPipelineBoardQuery['pipeline']>['stages'][number];

/** The totals of a column, one line per currency, exact. */
export function CurrencyTotals({ totals, label }: { totals: readonly { currencyCode: string; amount: string; count: number }[]; label: string }) {
  const t = useT();
  if (!totals.length) return <p className="crm-totals muted">{t(m.noDeals)}</p>;
  return (
    <ul className="crm-totals" aria-label={label}>
      {totals.map((total) => (
        <li key={total.currencyCode}>
          <Money value={{ amount: total.amount, currencyCode: total.currencyCode }} />
          <span className="muted"> · {t(m.dealCount, { count: total.count })}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * What a column totals. All its deals are on the board: their exact sum (so an optimistic move
 * shows at once). Only the first page is: the API's totals of the whole stage.
 */
export function stageTotals(deals: readonly { value: MoneyValue }[], complete: boolean, serverTotals: Stage['dealTotals']) {
  if (complete) return totalsByCurrency(deals.map((deal) => deal.value));
  return serverTotals.map((total) => ({ currencyCode: total.value.currencyCode, amount: total.value.amount, count: total.deals }));
}

// Arrow keys jump a picked-up deal to the next or previous column.
const columnCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const columns = context.droppableContainers
    .getEnabled()
    .map((container) => context.droppableRects.get(container.id))
    .filter((rect): rect is NonNullable<typeof rect> => Boolean(rect))
    .sort((a, b) => a.left - b.left);
  const x = currentCoordinates.x;
  const current = columns.findIndex((rect) => x >= rect.left - 1 && x < rect.left + rect.width);
  const target = columns[event.code === 'ArrowRight' ? current + 1 : current === -1 ? columns.length - 1 : current - 1];
  if (!target) return currentCoordinates;
  return { x: target.left + 8, y: target.top + 48 };
};

const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

function DealCard({ deal, overlay = false }: { deal: CrmDealCardFragment; overlay?: boolean }) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({ id: deal.id, disabled: overlay });
  return (
    <article
      ref={overlay ? undefined : setNodeRef}
      className={`crm-deal-card ${isDragging && !overlay ? 'crm-deal-card-dragging' : ''} ${overlay ? 'crm-deal-card-overlay' : ''}`}
      onPointerDown={overlay ? undefined : (listeners?.onPointerDown as React.PointerEventHandler | undefined)}
      aria-label={deal.title}
    >
      <div className="crm-deal-card-head">
        <Link to={`/crm/deals/${encodeURIComponent(deal.id)}`} className="crm-deal-title">
          {deal.title}
        </Link>
        {overlay ? null : (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="crm-drag-handle"
            {...attributes}
            onKeyDown={listeners?.onKeyDown as React.KeyboardEventHandler | undefined}
            aria-label={t(m.moveDeal, { title: deal.title })}
          >
            ⠿
          </button>
        )}
      </div>
      <Money value={deal.value} className="crm-deal-value" />
      <div className="crm-deal-meta">
        {deal.contact ? <QuickViewLink id={deal.contact.id}>{deal.contact.name}</QuickViewLink> : <span className="muted">{t(m.noContact)}</span>}
        <span className="muted">{t(m.percent, { value: deal.probability })}</span>
      </div>
      {deal.expectedCloseDate ? <div className="muted crm-small">{t(m.closes, { date: formatLocalDate(deal.expectedCloseDate) })}</div> : null}
    </article>
  );
}

function StageColumn({ stage, deals, complete }: { stage: Stage; deals: CrmDealCardFragment[]; complete: boolean }) {
  const t = useT();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const totals = stageTotals(deals, complete, stage.dealTotals);
  const headingId = `crm-stage-${stage.id}`;
  return (
    <section ref={setNodeRef} className={`crm-column ${isOver ? 'crm-column-over' : ''}`} aria-labelledby={headingId} data-stage-id={stage.id}>
      <header className="crm-column-head" style={stage.color ? ({ '--stage-color': stage.color } as React.CSSProperties) : undefined}>
        <h2 id={headingId} className="crm-column-title">
          {stage.name}
          <span className="badge">{complete ? deals.length : stage.deals?.totalCount}</span>
        </h2>
        <span className="muted crm-small">{stage.closed ? t(stage.won ? m.dealWon : m.dealLost) : t(m.percent, { value: stage.probability })}</span>
        <CurrencyTotals totals={totals} label={t(m.totalsOf, { stage: stage.name })} />
      </header>
      <div className="crm-column-cards">
        {deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} />
        ))}
        {!complete ? <p className="muted crm-small">{t(m.showingDeals, { shown: deals.length, total: stage.deals?.totalCount ?? 0 })}</p> : null}
      </div>
    </section>
  );
}

/**
 * The deal board of a pipeline: a column per stage. Dragging a deal (pointer, or keyboard: Space
 * on its handle, arrows, Space) moves it at once; the API's answer confirms it, or it goes back
 * with the reason.
 */
export function PipelineBoard({ pipelineId }: { pipelineId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(BoardQuery, { variables: { id: pipelineId } });
  const [move] = useMutation(CrmDealMoveMutation);
  // Optimistic moves (deal id → stage id), on top of the board the API last answered.
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [moveError, setMoveError] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const stages = useMemo(() => data?.pipeline?.stages ?? [], [data]);
  const columns = useMemo(() => {
    const all = stages.flatMap((stage) => stage.deals?.nodes ?? []);
    return stages.map((stage) => {
      const stays = (stage.deals?.nodes ?? []).filter((deal) => !moves[deal.id] || moves[deal.id] === stage.id);
      const arrives = all.filter((deal) => moves[deal.id] === stage.id && !stays.includes(deal));
      return { stage, deals: [...arrives, ...stays], complete: (stage.deals?.nodes.length ?? 0) >= (stage.deals?.totalCount ?? 0) };
    });
  }, [stages, moves]);
  const dealsById = useMemo(() => new Map(stages.flatMap((stage) => (stage.deals?.nodes ?? []).map((deal) => [deal.id, deal] as const))), [stages]);
  const stageName = (id: unknown) => stages.find((stage) => stage.id === id)?.name ?? t(m.noStage);
  const dealTitle = (id: unknown) => dealsById.get(String(id))?.title ?? t(m.theDeal);

  const announcements: Announcements = {
    onDragStart: ({ active }) => t(m.dragStart, { deal: dealTitle(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t(m.dragOver, { deal: dealTitle(active.id), stage: stageName(over.id) }) : t(m.dragOverNothing, { deal: dealTitle(active.id) }),
    onDragEnd: ({ active, over }) =>
      over ? t(m.dragEnd, { deal: dealTitle(active.id), stage: stageName(over.id) }) : t(m.dragEndNowhere, { deal: dealTitle(active.id) }),
    onDragCancel: ({ active }) => t(m.dragCancel, { deal: dealTitle(active.id) }),
  };

  async function onDragEnd({ active, over }: DragEndEvent) {
    setActiveId(null);
    const deal = dealsById.get(String(active.id));
    if (!deal || !over) return;
    const from = moves[deal.id] ?? deal.stage?.id;
    const to = String(over.id);
    if (from === to) return;
    setMoveError(null);
    setMoves((was) => ({ ...was, [deal.id]: to }));
    const rollBack = (message: string) => {
      setMoves(({ [deal.id]: _dropped, ...rest }) => rest);
      setMoveError(t(m.moveFailed, { deal: deal.title, stage: stageName(to), reason: message }));
    };
    try {
      const { data: answer } = await move({ variables: { input: { id: deal.id, stageId: to } } });
      const failure = describeUserErrors(answer?.dealMove?.userErrors);
      if (failure) return rollBack(failure);
      await refetch();
      setMoves(({ [deal.id]: _done, ...rest }) => rest);
    } catch (caught) {
      rollBack(describeError(caught));
    }
  }

  if (loading && !data) return <Loading label={t(m.loadingBoard)} />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (!data?.pipeline) return <EmptyState title={t(m.pipelineNotFound)}>{t(m.pipelineNotFoundText)}</EmptyState>;
  if (!stages.length) return <EmptyState title={t(m.noStages)} />;

  const active = activeId ? dealsById.get(activeId) : undefined;
  return (
    <>
      <Notice>{moveError}</Notice>
      {error ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: t(m.dragInstructions),
          },
        }}
        onDragStart={({ active: started }) => setActiveId(String(started.id))}
        onDragCancel={() => setActiveId(null)}
        onDragEnd={(event) => void onDragEnd(event)}
      >
        <div className="crm-board" role="region" aria-label={t(m.board, { pipeline: data.pipeline.name })}>
          {columns.map(({ stage, deals, complete }) => (
            <StageColumn key={stage.id} stage={stage} deals={deals} complete={complete} />
          ))}
        </div>
        <DragOverlay>{active ? <DealCard deal={active} overlay /> : null}</DragOverlay>
      </DndContext>
    </>
  );
}
