// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  SettingsFailedJobRetryMutationVariables,
  SettingsScheduledJobFieldsFragment,
  SettingsScheduledJobRunNowMutationVariables,
  SettingsScheduledJobSetEnabledMutationVariables,
} from '../gql/graphql';
import { renderWithApollo, unmountAll } from '../testing/render';
import { JobsPage } from './JobsPage';
import {
  SettingsFailedJobRetryMutation,
  SettingsPlatformAdminQuery,
  SettingsScheduledJobRunNowMutation,
  SettingsScheduledJobRunsQuery,
  SettingsScheduledJobSetEnabledMutation,
  SettingsScheduledJobsQuery,
} from './operations';

afterEach(unmountAll);

const admin = (platformAdmin: boolean) => ({
  request: { query: SettingsPlatformAdminQuery },
  result: { data: { __typename: 'Query' as const, platformAdmin } },
});

const run = (id: string, status: 'SUCCEEDED' | 'FAILED' | 'SKIPPED', trigger: 'SCHEDULE' | 'MANUAL' = 'SCHEDULE', error: string | null = null) => ({
  __typename: 'ScheduledJobRun' as const,
  id,
  trigger,
  status,
  startedAt: '2026-03-02T09:00:00.000Z',
  finishedAt: '2026-03-02T09:00:00.042Z',
  durationMs: 42,
  error,
});

const digest: SettingsScheduledJobFieldsFragment = {
  __typename: 'ScheduledJob',
  id: 'notifications/notification.digest.hourly',
  subgraph: 'notifications',
  job: 'notification.digest.hourly',
  cron: null,
  timeZone: null,
  everyMs: 3_600_000,
  description: 'Sends the hourly digest e-mails of what is waiting',
  enabled: true,
  nextRunAt: '2026-03-02T10:00:00.000Z',
  consecutiveFailures: 0,
  lastRun: run('r1', 'SUCCEEDED'),
};
const ledger: SettingsScheduledJobFieldsFragment = {
  __typename: 'ScheduledJob',
  id: 'finance/ledger.close',
  subgraph: 'finance',
  job: 'ledger.close',
  cron: '30 2 * * *',
  timeZone: 'Europe/Berlin',
  everyMs: null,
  description: 'Closes the ledger',
  enabled: true,
  nextRunAt: '2026-03-03T01:30:00.000Z',
  consecutiveFailures: 3,
  lastRun: run('r9', 'FAILED', 'SCHEDULE', 'the ledger is locked'),
};

const jobs = (schedules: SettingsScheduledJobFieldsFragment[]) => ({
  request: { query: SettingsScheduledJobsQuery },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      scheduledJobs: schedules,
      jobQueues: [
        { __typename: 'JobQueueCounts' as const, queue: 'finance-jobs', waiting: 1, active: 0, delayed: 2, failed: 1, completed: 40 },
        { __typename: 'JobQueueCounts' as const, queue: 'email', waiting: 0, active: 0, delayed: 0, failed: 0, completed: 7 },
      ],
      failedJobs: [
        {
          __typename: 'FailedJob' as const,
          id: 'manual-1',
          queue: 'finance-jobs',
          name: 'ledger.close',
          attempts: 1,
          failedReason: 'the ledger is locked',
          failedAt: '2026-03-02T08:00:00.000Z',
        },
      ],
    },
  },
});

const userErrors: never[] = [];

describe('JobsPage', () => {
  it('tells anyone but a platform administrator that the page is not theirs', async () => {
    renderWithApollo(<JobsPage />, [admin(false)]);
    expect(await screen.findByText('Only platform administrators see and manage the cell’s jobs.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists the schedules with their timing, next and last run, the queues and the dead letters', async () => {
    renderWithApollo(<JobsPage />, [admin(true), jobs([ledger, digest])]);
    const schedules = await screen.findByRole('table', { name: 'Schedules' });
    const rows = within(schedules).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/finance\/ledger\.close.*Closes the ledger.*30 2 \* \* \* \(Europe\/Berlin\).*Failed.*42 ms.*3/),
      expect.stringMatching(/notifications\/notification\.digest\.hourly.*Every hour.*Succeeded.*42 ms.*0/),
    ]);
    const queues = screen.getByRole('table', { name: 'Queues' });
    expect(within(queues).getAllByRole('row')[1]!.textContent).toMatch(/finance-jobs.*1.*0.*2.*1.*40/);
    const deadLetters = screen.getByRole('table', { name: 'Failed jobs (dead letters)' });
    expect(within(deadLetters).getAllByRole('row')[1]!.textContent).toMatch(/ledger\.close.*finance-jobs · manual-1.*1.*the ledger is locked/);
  });

  it('switches a schedule off, runs one now and retries a dead letter', async () => {
    const user = userEvent.setup();
    const switched: SettingsScheduledJobSetEnabledMutationVariables[] = [];
    const ranNow: SettingsScheduledJobRunNowMutationVariables[] = [];
    const retried: SettingsFailedJobRetryMutationVariables[] = [];
    renderWithApollo(<JobsPage />, [
      admin(true),
      jobs([ledger, digest]),
      {
        request: {
          query: SettingsScheduledJobSetEnabledMutation,
          variables: (variables: SettingsScheduledJobSetEnabledMutationVariables) => !!switched.push(variables),
        },
        result: {
          data: {
            __typename: 'Mutation' as const,
            scheduledJobSetEnabled: { __typename: 'ScheduledJobSetEnabledPayload' as const, scheduledJob: { ...digest, enabled: false }, userErrors },
          },
        },
      },
      {
        request: { query: SettingsScheduledJobRunNowMutation, variables: (variables: SettingsScheduledJobRunNowMutationVariables) => !!ranNow.push(variables) },
        result: {
          data: { __typename: 'Mutation' as const, scheduledJobRunNow: { __typename: 'ScheduledJobRunNowPayload' as const, runId: 'manual-2', userErrors } },
        },
      },
      {
        request: { query: SettingsFailedJobRetryMutation, variables: (variables: SettingsFailedJobRetryMutationVariables) => !!retried.push(variables) },
        result: { data: { __typename: 'Mutation' as const, failedJobRetry: { __typename: 'FailedJobRetryPayload' as const, retried: 1, userErrors } } },
      },
    ]);

    await user.click(await screen.findByRole('switch', { name: 'Enabled: notifications/notification.digest.hourly' }));
    expect(await screen.findByText('notifications/notification.digest.hourly is disabled: its runs are skipped.')).toBeTruthy();
    expect(switched).toEqual([{ input: { subgraph: 'notifications', job: 'notification.digest.hourly', enabled: false } }]);

    await user.click(screen.getByRole('button', { name: 'Run finance/ledger.close now' }));
    expect(await screen.findByText('finance/ledger.close is queued to run now.')).toBeTruthy();
    expect(ranNow).toEqual([{ input: { subgraph: 'finance', job: 'ledger.close' } }]);

    await user.click(screen.getByRole('button', { name: 'Retry ledger.close (manual-1)' }));
    expect(await screen.findByText('1 job queued again.')).toBeTruthy();
    expect(retried).toEqual([{ input: { queue: 'finance-jobs', jobId: 'manual-1' } }]);
  });

  it('shows the history of a schedule, newest first', async () => {
    const user = userEvent.setup();
    renderWithApollo(<JobsPage />, [
      admin(true),
      jobs([ledger]),
      {
        request: { query: SettingsScheduledJobRunsQuery, variables: { subgraph: 'finance', job: 'ledger.close', first: 20 } },
        result: {
          data: {
            __typename: 'Query' as const,
            scheduledJobRuns: {
              __typename: 'ScheduledJobRunConnection' as const,
              totalCount: 2,
              pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: 'c2' },
              nodes: [run('r9', 'FAILED', 'SCHEDULE', 'the ledger is locked'), run('r8', 'SKIPPED', 'MANUAL')],
            },
          },
        },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'History of finance/ledger.close' }));
    const history = await screen.findByRole('table', { name: 'History of finance/ledger.close' });
    await within(history).findByText('the ledger is locked');
    expect(
      within(history)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent),
    ).toEqual([expect.stringMatching(/Schedule.*Failed.*42 ms.*the ledger is locked/), expect.stringMatching(/Run now.*Skipped.*42 ms/)]);
  });
});
