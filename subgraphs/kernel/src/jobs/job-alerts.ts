import { z } from 'zod';
import { intFromEnv } from '../config/env.js';
import { Translator } from '../i18n/translator.js';
import type { Logger } from '../logging/logger.js';
import type { JobRun } from './job-registry.js';
import { observeJobAlert } from './job-metrics.js';
import type { Mailer } from './mailer.js';
import { jobMessages } from './messages.js';

/** The operators' alerts of failing scheduled jobs (parsed with the platform's environment). */
export const jobAlertEnv = z.object({
  /** Operators' e-mail addresses (comma-separated) told when a scheduled job keeps failing; none: only the error log and the metric. */
  JOB_ALERT_EMAILS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'must be e-mail addresses separated by commas' }))),
  /** Failures in a row of one schedule that raise an alert (once per series). */
  JOB_ALERT_AFTER_FAILURES: intFromEnv(3),
  /** The language of the alert e-mail. */
  JOB_ALERT_LOCALE: z.string().default('en'),
});

/**
 * Tells the operators when a scheduled job failed `afterFailures` times in a row: an error in the
 * log, `cellgraph_scheduled_job_alerts_total`, and an e-mail to each address through the cell's
 * mailer. Once per series of failures: only the run that reaches the threshold alerts (the registry
 * counts failures in a row atomically), and its delivery key makes the e-mail go out once.
 */
export class JobAlerts {
  private readonly reader: Translator;

  constructor(
    private readonly mailer: Mailer,
    private readonly settings: { emails: readonly string[]; afterFailures: number; locale?: string; cell: string },
    private readonly logger: Logger,
  ) {
    this.reader = new Translator(settings.locale ?? 'en');
  }

  isThreshold(failures: number): boolean {
    return failures === this.settings.afterFailures;
  }

  async failing(run: JobRun, failures: number): Promise<void> {
    this.logger.error(
      { subgraph: run.subgraph, job: run.job, failures, error: run.error, alerted: this.settings.emails.length },
      'a scheduled job keeps failing: the operators are alerted',
    );
    observeJobAlert(run.subgraph, run.job);
    const values = { subgraph: run.subgraph, job: run.job, failures, cell: this.settings.cell, error: run.error ?? '', at: run.finishedAt };
    const subject = this.reader.t(jobMessages.alertSubject, values);
    const text = this.reader.t(jobMessages.alertText, values);
    const key = `job-alert-${run.subgraph}-${run.job}-${run.id}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    for (const [index, to] of this.settings.emails.entries()) await this.mailer.send({ to, subject, text }, `${key}-${index}`);
  }
}
