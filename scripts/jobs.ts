/**
 * `npm run jobs`: the cell's queues and their dead letters (jobs that failed every attempt).
 *   npm run jobs                          counts per queue, then the failed jobs
 *   npm run jobs -- retry <queue> [id]    run failed jobs of a queue again (all, or one)
 * Reads REDIS_URL (default redis://127.0.0.1:6379) and the cell's namespace: REDIS_KEY_PREFIX, else
 * CELL_NAME (default all) and CELL_INSTANCE (default main), as `npm start` does.
 */
import { cellNamespaceEnv, JobInspector, parseEnv, redisKeyPrefixOf } from '@cellgraph/kernel';

const namespace = parseEnv('jobs', cellNamespaceEnv, { CELL_NAME: 'all', ...process.env });
const inspector = new JobInspector(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisKeyPrefixOf(namespace));
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
