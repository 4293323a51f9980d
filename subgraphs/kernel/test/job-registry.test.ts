import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  defineMessages,
  FeatureFlags,
  FileEmailSink,
  JobAlerts,
  jobFlagKey,
  JobRegistry,
  Mailer,
  readSentEmails,
  startEmailWorker,
  startJobWorker,
  type RunningWorker,
} from '../src/index.js';
import { deleteRedisKeys, TEST_REDIS_URL, waitFor } from '../src/testing/index.js';

const prefix = `cgtest:${randomBytes(6).toString('hex')}`;
const mailDir = mkdtempSync(join(tmpdir(), 'cellgraph-mail-'));
const logger = createLogger('test', 'silent');
const texts = defineMessages('test.jobRegistry', {
  tick: { en: 'Ticks', de: 'Tickt' },
  flaky: { en: 'Fails on demand', de: 'Scheitert auf Wunsch' },
  nightly: { en: 'Runs at night', de: 'Läuft nachts' },
});

const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const registry = new JobRegistry(redis, prefix);
const flags = new FeatureFlags(redis.duplicate(), prefix);
const mailer = new Mailer(TEST_REDIS_URL, prefix);
let emailWorker: Worker;
const workers: RunningWorker[] = [];
const handled: Record<string, number> = { tick: 0, flaky: 0, nightly: 0 };
let flakyBroken = true;

beforeAll(async () => {
  await flags.listen();
  emailWorker = startEmailWorker(TEST_REDIS_URL, prefix, new FileEmailSink(mailDir, 'cell@example.test'), logger);
  const alerts = new JobAlerts(mailer, { emails: ['ops@example.test'], afterFailures: 3, cell: 'test-cell' }, logger);
  const count = (name: string) => async () => void (handled[name]! += 1);
  workers.push(
    await startJobWorker('alpha', { tick: count('tick') }, [{ job: 'tick', everyMs: 150, description: texts.tick }], {
      redisUrl: TEST_REDIS_URL,
      prefix,
      logger,
      features: flags,
      alerts,
    }),
    await startJobWorker(
      'beta',
      {
        flaky: async () => {
          handled.flaky! += 1;
          if (flakyBroken) throw new Error('the ledger is locked');
        },
        nightly: count('nightly'),
      },
      [
        { job: 'flaky', everyMs: 150, description: texts.flaky },
        { job: 'nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', description: texts.nightly },
      ],
      { redisUrl: TEST_REDIS_URL, prefix, logger, features: flags, alerts },
    ),
  );
});

afterAll(async () => {
  for (const worker of workers) await worker.close();
  await emailWorker?.close();
  await mailer.close();
  await flags.close();
  await deleteRedisKeys(redis, prefix);
  redis.disconnect();
  rmSync(mailDir, { recursive: true, force: true });
});

const alertMails = () => readSentEmails(mailDir).filter((mail) => mail.subject.includes('beta/flaky'));

describe('the job registry', () => {
  it('holds every schedule of the cell with its declaration and next run', async () => {
    expect(await registry.schedules()).toEqual([
      { subgraph: 'alpha', job: 'tick', cron: null, timeZone: null, everyMs: 150, description: texts.tick },
      { subgraph: 'beta', job: 'flaky', cron: null, timeZone: null, everyMs: 150, description: texts.flaky },
      { subgraph: 'beta', job: 'nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', everyMs: null, description: texts.nightly },
    ]);
    const next = await registry.nextRuns('beta', ['nightly', 'unknown']);
    const nightly = next.get('nightly')!;
    expect(nightly.getTime()).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(nightly)).toBe('03:00');
    expect(next.get('unknown')).toBeNull();
  });

  it('records each scheduled run: start, end, duration and status, newest first', async () => {
    await waitFor(async () => (await registry.runs('alpha', 'tick')).total >= 2, 'two runs of alpha/tick');
    const { runs } = await registry.runs('alpha', 'tick');
    expect(runs[0]).toMatchObject({ subgraph: 'alpha', job: 'tick', trigger: 'schedule', status: 'succeeded', error: null });
    expect(Date.parse(runs[0]!.finishedAt) - Date.parse(runs[0]!.startedAt)).toBe(runs[0]!.durationMs);
    expect(Date.parse(runs[0]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[1]!.startedAt));
    expect(await registry.consecutiveFailures('alpha', 'tick')).toBe(0);
  });

  it('alerts the operators once per series of failures, by e-mail through the mailer', async () => {
    await waitFor(async () => (await registry.consecutiveFailures('beta', 'flaky')) >= 5, 'five failures in a row');
    await waitFor(async () => alertMails().length >= 1, 'the alert e-mail');
    expect((await registry.lastRun('beta', 'flaky'))!).toMatchObject({ status: 'failed', error: 'the ledger is locked' });
    // Two more failures after the third: still the one alert of this series.
    expect(alertMails()).toHaveLength(1);
    expect(alertMails()[0]).toMatchObject({ to: 'ops@example.test', subject: 'Scheduled job beta/flaky failed 3 times in a row' });
    expect(alertMails()[0]!.text).toContain('the ledger is locked');

    flakyBroken = false;
    await waitFor(async () => (await registry.lastRun('beta', 'flaky'))?.status === 'succeeded', 'a success');
    expect(await registry.consecutiveFailures('beta', 'flaky')).toBe(0);
    flakyBroken = true;
    await waitFor(async () => (await registry.consecutiveFailures('beta', 'flaky')) >= 4, 'a new series of failures');
    await waitFor(async () => alertMails().length === 2, 'the alert of the new series');
    flakyBroken = false;
  });

  it('skips the runs of a disabled schedule (and records them so); an operator’s run now still runs', async () => {
    await flags.publish([{ key: jobFlagKey('alpha', 'tick'), description: '', defaultEnabled: false, rules: [] }]);
    await waitFor(async () => !flags.isEnabled(jobFlagKey('alpha', 'tick'), { orgId: null, userId: null }), 'the flag');
    const skippedAtTop = async (count: number) => (await registry.runs('alpha', 'tick', 0, count)).runs.every((run) => run.status === 'skipped');
    await waitFor(() => skippedAtTop(2), 'two skipped runs');
    const before = handled.tick!;
    const seen = (await registry.lastRun('alpha', 'tick'))!.id;
    await waitFor(async () => {
      const { runs } = await registry.runs('alpha', 'tick', 0, 3);
      return runs.slice(0, 2).every((run) => run.id !== seen) && (await skippedAtTop(3));
    }, 'two more skipped runs');
    expect(handled.tick).toBe(before);

    const jobId = await registry.runNow('alpha', 'tick');
    await waitFor(async () => (await registry.runs('alpha', 'tick', 0, 20)).runs.some((run) => run.id === jobId), 'the manual run');
    const manual = (await registry.runs('alpha', 'tick', 0, 20)).runs.find((run) => run.id === jobId)!;
    expect(manual).toMatchObject({ trigger: 'manual', status: 'succeeded' });
    expect(handled.tick).toBe(before + 1);

    // Enabled again: a flag that no longer exists falls back to on (job.* stays on by default).
    await flags.publish([]);
    await waitFor(async () => (await registry.lastRun('alpha', 'tick'))?.status === 'succeeded' && handled.tick! > before + 1, 'runs again');
  });

  it('keeps a capped history per schedule (100 runs by default)', async () => {
    const small = new JobRegistry(redis, `${prefix}:small`, 3);
    for (let index = 0; index < 5; index++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString();
      await small.record({
        id: `r${index}`,
        subgraph: 's',
        job: 'j',
        trigger: 'schedule',
        status: 'succeeded',
        startedAt: at,
        finishedAt: at,
        durationMs: 0,
        error: null,
      });
    }
    const { runs, total } = await small.runs('s', 'j');
    expect([total, runs.map((run) => run.id)]).toEqual([3, ['r4', 'r3', 'r2']]);
  });
});
