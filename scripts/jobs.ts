/**
 * `npm run jobs`: the cell's queues and their dead letters (jobs that failed every attempt).
 *   npm run jobs                          counts per queue, then the failed jobs
 *   npm run jobs -- retry <queue> [id]    run failed jobs of a queue again (all, or one)
 * Reads REDIS_URL (default redis://127.0.0.1:6379) and REDIS_KEY_PREFIX (default cellgraph).
 */
import { JobInspector } from '@cellgraph/kernel';

const inspector = new JobInspector(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.REDIS_KEY_PREFIX ?? 'cellgraph');
try {
  const [command, queue, jobId] = process.argv.slice(2);
  if (command === 'retry') {
    if (!queue) throw new Error('usage: npm run jobs -- retry <queue> [jobId]');
    console.log(`${await inspector.retry(queue, jobId)} job(s) of ${queue} queued again`);
  } else {
    console.table(await inspector.report());
    const failed = await inspector.failed();
    console.log(failed.length ? 'Failed jobs (dead letters):' : 'No failed jobs.');
    for (const job of failed) console.log(`  ${job.queue} ${job.id} ${job.name} — ${job.attempts} attempts, ${job.failedAt}: ${job.failedReason}`);
  }
} finally {
  inspector.close();
}
