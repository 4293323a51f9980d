/**
 * `npm run jobs`: the cell's queues and their dead letters (jobs that failed every attempt).
 *   npm run jobs                          counts per queue, then the failed jobs
 *   npm run jobs -- retry <queue> [id]    run failed jobs of a queue again (all, or one)
 *   npm run jobs -- search-rebuild <orgId>  every module of the cell with searchable types writes
 *                                         the search documents of that organization again (idempotent)
 * Reads REDIS_URL (default redis://127.0.0.1:6379) and the cell's namespace: REDIS_KEY_PREFIX, else
 * CELL_NAME (default all) and CELL_INSTANCE (default main), as `npm start` does.
 */
import { cellNamespaceEnv, JobInspector, JobQueue, parseEnv, redisKeyPrefixOf, SEARCH_REBUILD_JOB, searchRebuildPayload } from '@cellgraph/kernel';
import { loadCell } from './runtime/cells.js';

const namespace = parseEnv('jobs', cellNamespaceEnv, { CELL_NAME: 'all', ...process.env });
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const inspector = new JobInspector(redisUrl, redisKeyPrefixOf(namespace));

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
  } else if (command === 'retry') {
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
