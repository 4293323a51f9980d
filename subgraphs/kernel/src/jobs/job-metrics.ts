import { counter, gauge } from '../observability/metrics.js';
import type { JobRun } from './job-registry.js';

const runs = counter({
  name: 'cellgraph_scheduled_job_runs_total',
  help: 'Runs of scheduled jobs recorded in this process, by subgraph, job and status (succeeded, failed, skipped)',
  labelNames: ['subgraph', 'job', 'status'],
});

const failuresInARow = gauge({
  name: 'cellgraph_scheduled_job_consecutive_failures',
  help: 'Failures in a row of a scheduled job, as of its last run recorded in this process (0 after a success)',
  labelNames: ['subgraph', 'job'],
});

const alerts = counter({
  name: 'cellgraph_scheduled_job_alerts_total',
  help: 'Alerts sent to the operators because a scheduled job failed its threshold of times in a row (JOB_ALERT_AFTER_FAILURES)',
  labelNames: ['subgraph', 'job'],
});

/** Counts a recorded run and sets its schedule's failures in a row. */
export function observeScheduledRun(run: JobRun, failures: number): void {
  runs.inc({ subgraph: run.subgraph, job: run.job, status: run.status });
  failuresInARow.set({ subgraph: run.subgraph, job: run.job }, failures);
}

export function observeJobAlert(subgraph: string, job: string): void {
  alerts.inc({ subgraph, job });
}
