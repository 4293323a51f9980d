/**
 * `npm run jobs`: the cell's scheduled jobs (its job registry), queues and their dead letters (jobs
 * that failed every attempt). The same is identity's admin GraphQL view (`scheduledJobs`, …).
 *   npm run jobs                          schedules (timing, next and last run), counts per queue, then the failed jobs
 *   npm run jobs -- history <subgraph> <job>  the recorded runs of one schedule, newest first
 *   npm run jobs -- run-now <subgraph> <job>  queue a run of a schedule at once (recorded as manual)
 *   npm run jobs -- retry <queue> [id]    run failed jobs of a queue again (all, or one)
 *   npm run jobs -- search-rebuild <orgId>  every module of the cell with searchable types writes
 *                                         the search documents of that organization again (idempotent)
 * Reads REDIS_URL (default redis://127.0.0.1:6379) and the cell's namespace: REDIS_KEY_PREFIX, else
 * CELL_NAME (default all) and CELL_INSTANCE (default main), as `npm start` does.
 */
import { Redis } from 'ioredis';
import { cellNamespaceEnv, JobInspector, JobQueue, JobRegistry, parseEnv, redisKeyPrefixOf, SEARCH_REBUILD_JOB, searchRebuildPayload } from '@cellgraph/kernel';
import { loadCell } from './runtime/cells.js';

const namespace = parseEnv('jobs', cellNamespaceEnv, { CELL_NAME: 'all', ...process.env });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const inspector = new JobInspector(redisUrl, redisKeyPrefixOf(namespace));
const registryConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const registry = new JobRegistry(registryConnection, redisKeyPrefixOf(namespace));

/** Every schedule of the cell with its timing, next and last run. */
async function printSchedules(): Promise<void> {
  const schedules = await registry.schedules();
  const rows = [];
  for (const schedule of schedules) {
    const [next, last, failures] = await Promise.all([
      registry.nextRuns(schedule.subgraph, [schedule.job]),
      registry.lastRun(schedule.subgraph, schedule.job),
      registry.consecutiveFailures(schedule.subgraph, schedule.job),
    ]);
    rows.push({
      schedule: `${schedule.subgraph}/${schedule.job}`,
      timing: schedule.cron ? `${schedule.cron} (${schedule.timeZone})` : `every ${schedule.everyMs} ms`,
      next: next.get(schedule.job)?.toISOString() ?? '',
      last: last ? `${last.status} ${last.startedAt} (${last.durationMs} ms)` : '',
      failuresInARow: failures,
    });
  }
  if (rows.length) console.table(rows);
  else console.log('No scheduled jobs registered (no job worker of this cell has started yet).');
}

/** Queues the rebuild job of one organization in each module of the cell that declares searchable types. */
async function rebuildSearch(orgId: string | undefined): Promise<void> {
  const { orgId: valid } = searchRebuildPayload.parse({ orgId });
  for (const subgraph of loadCell(namespace.CELL_NAME ?? 'all').subgraphs.filter((definition) => definition.searchable?.length)) {
    const jobs = new JobQueue(subgraph.name, redisUrl, redisKeyPrefixOf(namespace));
    try {
      await jobs.enqueue(SEARCH_REBUILD_JOB, { orgId: valid });
      console.log(`${subgraph.name}: ${SEARCH_REBUILD_JOB} queued (${subgraph.searchable!.map((spec) => spec.type).join(', ')})`);
    } finally {
      await jobs.close();
    }
  }
}

try {
  const [command, queue, jobId] = process.argv.slice(2);
  if (command === 'search-rebuild') {
    await rebuildSearch(queue);
  } else if (command === 'history' || command === 'run-now') {
    const [, subgraph, job] = process.argv.slice(2);
    if (!subgraph || !job) throw new Error(`usage: npm run jobs -- ${command} <subgraph> <job>`);
    if (!(await registry.schedule(subgraph, job))) throw new Error(`no schedule ${subgraph}/${job} is registered (see npm run jobs)`);
    if (command === 'run-now') console.log(`${subgraph}/${job} queued: ${await registry.runNow(subgraph, job)}`);
    else console.table((await registry.runs(subgraph, job, 0, 100)).runs);
  } else if (command === 'retry') {
    if (!queue) throw new Error('usage: npm run jobs -- retry <queue> [jobId]');
    console.log(`${await inspector.retry(queue, jobId)} job(s) of ${queue} queued again`);
  } else {
    await printSchedules();
    console.table(await inspector.report());
    const failed = await inspector.failed();
    console.log(failed.length ? 'Failed jobs (dead letters):' : 'No failed jobs.');
    for (const job of failed) console.log(`  ${job.queue} ${job.id} ${job.name} — ${job.attempts} attempts, ${job.failedAt}: ${job.failedReason}`);
  }
} finally {
  inspector.close();
  registryConnection.disconnect();
}
