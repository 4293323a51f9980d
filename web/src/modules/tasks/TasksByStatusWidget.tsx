import { useQuery } from '@apollo/client/react';
import type { TaskStatus } from '../../gql/graphql';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { HorizontalBarChart } from '../../ui/charts/HorizontalBarChart';
import { ErrorState, Loading } from '../../ui/states';
import { STATUSES, statusLabel } from './format';
import { TasksByStatusQuery } from './operations';
import { useT } from '../../app/i18n';
import { widgetsMessages as w } from './messages';

const STATUS_TONES: Record<TaskStatus, number> = { TODO: 1, IN_PROGRESS: 3, DONE: 2, CANCELED: 7 };

/** On the home page: the organization's tasks you can read, by status (taskAnalytics). */
export function TasksByStatusWidget(_props: { objectId: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(TasksByStatusQuery, { fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const counts = new Map((data?.taskAnalytics?.groupBy ?? []).map((group) => [group.key, group.count]));
  const total = data?.taskAnalytics?.count ?? 0;
  const rows = STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  return (
    <ChartFigure
      title={t(w.readable, { count: total })}
      empty={total === 0 ? <p className="muted">{t(w.noTasksYet)}</p> : undefined}
      table={{ columns: [t(w.status), t(w.tasks)], rows: rows.map(({ status, count }) => ({ key: status, header: statusLabel(status), cells: [count] })) }}
    >
      <HorizontalBarChart
        bars={rows.map(({ status, count }) => ({ key: status, label: statusLabel(status), value: count, display: String(count), tone: STATUS_TONES[status] }))}
      />
    </ChartFigure>
  );
}
