import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { formatDateTime } from '../app/format';
import { useT } from '../app/i18n';
import type { SettingsScheduledJobFieldsFragment, SettingsScheduledJobRunFieldsFragment, SettingsScheduledJobsQuery as JobsData } from '../gql/graphql';
import { Button } from '../ui/controls';
import { DataTable } from '../ui/DataTable';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../ui/states';
import { jobsMessages as j, m } from './messages';
import {
  SettingsFailedJobRetryMutation,
  SettingsPlatformAdminQuery,
  SettingsScheduledJobRunNowMutation,
  SettingsScheduledJobRunsQuery,
  SettingsScheduledJobSetEnabledMutation,
  SettingsScheduledJobsQuery,
} from './operations';
import { attempt } from './shared';

type Schedule = SettingsScheduledJobFieldsFragment;
type Run = SettingsScheduledJobRunFieldsFragment;
type Queue = NonNullable<JobsData['jobQueues']>[number];
type DeadLetter = NonNullable<JobsData['failedJobs']>[number];

const UNITS: readonly [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** "Every 5 minutes" for an interval in milliseconds (the largest unit that divides it). */
function everyValues(everyMs: number): { count: number; unit: string } | null {
  const [unit, size] = UNITS.find(([, size]) => everyMs % size === 0) ?? [];
  return unit && size ? { count: everyMs / size, unit } : null;
}

const nameOf = (schedule: Pick<Schedule, 'subgraph' | 'job'>) => `${schedule.subgraph}/${schedule.job}`;

/**
 * The cell's jobs, for platform administrators (identity's `platformAdmin`): every scheduled job
 * with its timing, next and last run, a switch and Run now; the history of one; the queues' counts
 * and the dead-letter list with Retry. Anyone else is told the page is not theirs.
 */
export function JobsPage() {
  const t = useT();
  const admin = useQuery(SettingsPlatformAdminQuery);
  return (
    <>
      <PageHeader title={t(m.jobs)} subtitle={t(j.subtitle)} />
      {admin.error && !admin.data ? (
        <ErrorState error={admin.error} retry={() => void admin.refetch()} />
      ) : admin.loading && !admin.data ? (
        <Loading />
      ) : admin.data?.platformAdmin ? (
        <JobsAdmin />
      ) : (
        <Notice tone="info">{t(j.platformAdminsOnly)}</Notice>
      )}
    </>
  );
}

function JobsAdmin() {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(SettingsScheduledJobsQuery, { fetchPolicy: 'cache-and-network' });
  const [setEnabled] = useMutation(SettingsScheduledJobSetEnabledMutation);
  const [runNow] = useMutation(SettingsScheduledJobRunNowMutation);
  const [retry] = useMutation(SettingsFailedJobRetryMutation);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [history, setHistory] = useState<Schedule | null>(null);

  async function act(run: () => Promise<string | null>, success: () => string) {
    setMessage(null);
    const failure = await run();
    setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: success() });
    void refetch();
  }

  const toggle = (schedule: Schedule) =>
    act(
      () =>
        attempt(
          async () =>
            (await setEnabled({ variables: { input: { subgraph: schedule.subgraph, job: schedule.job, enabled: !schedule.enabled } } })).data
              ?.scheduledJobSetEnabled?.userErrors,
        ),
      () => t(schedule.enabled ? j.nowDisabled : j.nowEnabled, { name: nameOf(schedule) }),
    );
  const runScheduleNow = (schedule: Schedule) =>
    act(
      () =>
        attempt(async () => (await runNow({ variables: { input: { subgraph: schedule.subgraph, job: schedule.job } } })).data?.scheduledJobRunNow?.userErrors),
      () => t(j.queued, { name: nameOf(schedule) }),
    );
  const retryDeadLetter = async (job: DeadLetter) => {
    let count = 0;
    await act(
      () =>
        attempt(async () => {
          const payload = (await retry({ variables: { input: { queue: job.queue, jobId: job.id } } })).data?.failedJobRetry;
          count = payload?.retried ?? 0;
          return payload?.userErrors;
        }),
      () => t(j.retried, { count }),
    );
  };

  const scheduleColumns = useMemo<ColumnDef<Schedule, unknown>[]>(
    () => [
      {
        id: 'job',
        header: t(j.job),
        cell: ({ row }) => (
          <span className="person">
            <span>
              <code>{nameOf(row.original)}</code>
            </span>
            <small>{row.original.description}</small>
          </span>
        ),
      },
      {
        id: 'schedule',
        header: t(j.schedule),
        cell: ({ row }) => {
          const { cron, timeZone, everyMs } = row.original;
          if (cron) return t(j.cron, { cron, timeZone: timeZone ?? 'UTC' });
          const every = everyMs ? everyValues(everyMs) : null;
          return every ? t(j.every, every) : t(j.milliseconds, { ms: everyMs });
        },
      },
      { id: 'next', header: t(j.nextRun), cell: ({ row }) => formatDateTime(row.original.nextRunAt) || '—' },
      {
        id: 'last',
        header: t(j.lastRun),
        cell: ({ row }) =>
          row.original.lastRun ? (
            <span className="person">
              <span className="badge">{t(j.status, { status: row.original.lastRun.status })}</span>
              <small>{formatDateTime(row.original.lastRun.startedAt)}</small>
            </span>
          ) : (
            t(j.never)
          ),
      },
      { id: 'duration', header: t(j.duration), cell: ({ row }) => (row.original.lastRun ? t(j.milliseconds, { ms: row.original.lastRun.durationMs }) : '—') },
      { id: 'failures', header: t(j.failuresInARow), cell: ({ row }) => row.original.consecutiveFailures },
      {
        id: 'enabled',
        header: t(j.enabled),
        cell: ({ row }) => (
          <input
            type="checkbox"
            role="switch"
            checked={row.original.enabled}
            aria-label={t(j.enabledName, { name: nameOf(row.original) })}
            onChange={() => void toggle(row.original)}
          />
        ),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t(m.actions)}</span>,
        cell: ({ row }) => (
          <div className="table-actions">
            <Button className="button-small" aria-label={t(j.runNowName, { name: nameOf(row.original) })} onClick={() => void runScheduleNow(row.original)}>
              {t(j.runNow)}
            </Button>
            <Button
              className="button-small"
              variant="ghost"
              aria-label={t(j.historyName, { name: nameOf(row.original) })}
              onClick={() => setHistory(row.original)}
            >
              {t(j.history)}
            </Button>
          </div>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the actions read the latest state when clicked
    [t],
  );

  const queueColumns = useMemo<ColumnDef<Queue, unknown>[]>(
    () => [
      { id: 'queue', header: t(j.queue), cell: ({ row }) => <code>{row.original.queue}</code> },
      { id: 'waiting', header: t(j.waiting), cell: ({ row }) => row.original.waiting },
      { id: 'active', header: t(j.active), cell: ({ row }) => row.original.active },
      { id: 'delayed', header: t(j.delayed), cell: ({ row }) => row.original.delayed },
      { id: 'failed', header: t(j.failed), cell: ({ row }) => row.original.failed },
      { id: 'completed', header: t(j.completed), cell: ({ row }) => row.original.completed },
    ],
    [t],
  );

  const deadLetterColumns = useMemo<ColumnDef<DeadLetter, unknown>[]>(
    () => [
      {
        id: 'job',
        header: t(j.job),
        cell: ({ row }) => (
          <span className="person">
            <span>{row.original.name}</span>
            <small>
              <code>
                {row.original.queue} · {row.original.id}
              </code>
            </small>
          </span>
        ),
      },
      { id: 'attempts', header: t(j.attempts), cell: ({ row }) => row.original.attempts },
      { id: 'failedAt', header: t(j.failedAt), cell: ({ row }) => formatDateTime(row.original.failedAt) || '—' },
      { id: 'reason', header: t(j.reason), cell: ({ row }) => row.original.failedReason },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t(m.actions)}</span>,
        cell: ({ row }) => (
          <div className="table-actions">
            <Button
              className="button-small"
              aria-label={t(j.retryName, { name: row.original.name, id: row.original.id })}
              onClick={() => void retryDeadLetter(row.original)}
            >
              {t(j.retry)}
            </Button>
          </div>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the actions read the latest state when clicked
    [t],
  );

  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  return (
    <>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <section className="settings-section" aria-labelledby="jobs-schedules">
        <h2 id="jobs-schedules">{t(j.schedules)}</h2>
        <DataTable
          label={t(j.schedules)}
          columns={scheduleColumns}
          rows={data?.scheduledJobs ?? []}
          rowId={(schedule) => schedule.id}
          empty={<p className="muted">{t(j.noSchedules)}</p>}
        />
      </section>
      {history ? <RunHistory schedule={history} onClose={() => setHistory(null)} /> : null}
      <section className="settings-section" aria-labelledby="jobs-queues">
        <h2 id="jobs-queues">{t(j.queues)}</h2>
        <DataTable label={t(j.queues)} columns={queueColumns} rows={data?.jobQueues ?? []} rowId={(queue) => queue.queue} />
      </section>
      <section className="settings-section" aria-labelledby="jobs-dead-letters">
        <h2 id="jobs-dead-letters">{t(j.deadLetters)}</h2>
        <DataTable
          label={t(j.deadLetters)}
          columns={deadLetterColumns}
          rows={data?.failedJobs ?? []}
          rowId={(job) => `${job.queue}/${job.id}`}
          empty={<p className="muted">{t(j.noDeadLetters)}</p>}
        />
      </section>
    </>
  );
}

function RunHistory({ schedule, onClose }: { schedule: Schedule; onClose(): void }) {
  const t = useT();
  const name = nameOf(schedule);
  const { data, loading, error, refetch, fetchMore } = useQuery(SettingsScheduledJobRunsQuery, {
    variables: { subgraph: schedule.subgraph, job: schedule.job, first: 20 },
    fetchPolicy: 'network-only',
  });
  const runs = data?.scheduledJobRuns;
  const columns = useMemo<ColumnDef<Run, unknown>[]>(
    () => [
      { id: 'started', header: t(j.started), cell: ({ row }) => formatDateTime(row.original.startedAt) },
      { id: 'trigger', header: t(j.triggeredBy), cell: ({ row }) => t(j.trigger, { trigger: row.original.trigger }) },
      { id: 'status', header: t(j.statusHeader), cell: ({ row }) => <span className="badge">{t(j.status, { status: row.original.status })}</span> },
      { id: 'duration', header: t(j.duration), cell: ({ row }) => t(j.milliseconds, { ms: row.original.durationMs }) },
      { id: 'error', header: t(j.error), cell: ({ row }) => row.original.error ?? '' },
    ],
    [t],
  );
  return (
    <section className="settings-section" aria-labelledby="jobs-history">
      <h2 id="jobs-history">{t(j.historyName, { name })}</h2>
      <DataTable
        label={t(j.historyName, { name })}
        columns={columns}
        rows={runs?.nodes ?? []}
        rowId={(run) => run.id}
        loading={loading}
        error={error}
        retry={() => void refetch()}
        empty={<p className="muted">{t(j.noRuns)}</p>}
      />
      <div className="table-actions">
        {runs?.pageInfo.hasNextPage ? (
          <Button
            variant="ghost"
            onClick={() =>
              void fetchMore({
                variables: { after: runs.pageInfo.endCursor },
                updateQuery: (previous, { fetchMoreResult }) => ({
                  ...previous,
                  scheduledJobRuns:
                    previous.scheduledJobRuns && fetchMoreResult.scheduledJobRuns
                      ? {
                          ...fetchMoreResult.scheduledJobRuns,
                          nodes: [...previous.scheduledJobRuns.nodes, ...fetchMoreResult.scheduledJobRuns.nodes],
                        }
                      : fetchMoreResult.scheduledJobRuns,
                }),
              })
            }
          >
            {t(j.loadMore)}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onClose}>
          {t(j.close)}
        </Button>
      </div>
    </section>
  );
}
