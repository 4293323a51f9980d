import type { ApolloServerPlugin } from '@apollo/server';
import type { Job, Queue, Worker } from 'bullmq';
import type { SubgraphContext } from '../context/request-context.js';
import type { StatementCounter } from '../db/database.js';
import { COUNT_BUCKETS, counter, DURATION_BUCKETS, gauge, histogram, loaderLabel, operationLabel } from './metrics.js';
import { contextFromTraceHeaders, inSpan, SpanKind, trace, traceHeaders } from './tracing.js';

const operationDurations = histogram({
  name: 'cellgraph_subgraph_request_duration_seconds',
  help: 'GraphQL operations a subgraph served (from the gateway), by operation and outcome',
  labelNames: ['subgraph', 'operation', 'outcome'],
  buckets: DURATION_BUCKETS,
});
const statementsPerRequest = histogram({
  name: 'cellgraph_subgraph_sql_statements_per_request',
  help: 'SQL statements one subgraph request sent (batching keeps it flat)',
  labelNames: ['subgraph'],
  buckets: COUNT_BUCKETS,
});
const batchSizes = histogram({ name: 'cellgraph_dataloader_batch_size', help: 'Keys per DataLoader batch', labelNames: ['loader'], buckets: COUNT_BUCKETS });
const jobOutcomes = counter({
  name: 'cellgraph_jobs_total',
  help: 'Jobs run by workers of this process, by queue and outcome',
  labelNames: ['queue', 'outcome'],
});
const watchedQueues = new Set<Queue>();
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
gauge({
  name: 'cellgraph_queue_jobs',
  help: 'Jobs in a queue by state, read from Redis when scraped',
  labelNames: ['queue', 'state'],
  async collect() {
    await Promise.all(
      [...watchedQueues].map(async (watched) => {
        const counts = await watched.getJobCounts(...QUEUE_STATES).catch(() => null);
        if (counts) for (const state of QUEUE_STATES) this.set({ queue: watched.name, state }, counts[state] ?? 0);
      }),
    );
  },
});

/**
 * A subgraph's operations: duration per operation and outcome, SQL statements each one sent, and
 * the name of the request's server span (`<subgraph> <type> <operation>`).
 */
export function observeSubgraphOperations(subgraph: string, statements: StatementCounter): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const requestId = contextValue.request.requestId;
      const before = statements.forRequest(requestId);
      return {
        async didResolveOperation({ operation, operationName }) {
          trace.getActiveSpan()?.updateName(`${subgraph} ${operation?.operation ?? 'operation'} ${operationName ?? ''}`.trim());
        },
        async willSendResponse({ operationName, response, errors }) {
          const failed = !!errors?.length || (response.body.kind === 'single' && !!response.body.singleResult.errors?.length);
          operationDurations.observe(
            { subgraph, operation: operationLabel(operationName), outcome: failed ? 'error' : 'ok' },
            (performance.now() - started) / 1000,
          );
          statementsPerRequest.observe({ subgraph }, statements.forRequest(requestId) - before);
        },
      };
    },
  };
}

/** Keys a DataLoader batched into one call, per loader (e.g. `tasks.taskById`; see loaderLabel). */
export function observeBatchSize(loader: string, keys: number): void {
  batchSizes.observe({ loader: loaderLabel(loader) }, keys);
}

/** Reports `queue`'s depth on each scrape (one round trip per queue) until the returned function is called. */
export function watchQueueDepth(queue: Queue): () => void {
  watchedQueues.add(queue);
  return () => watchedQueues.delete(queue);
}

/** Counts a worker's jobs by outcome: completed, retried (failed, to be attempted again) or failed (for good: a dead letter). */
export function observeJobOutcomes(worker: Worker): void {
  worker.on('completed', () => jobOutcomes.inc({ queue: worker.name, outcome: 'completed' }));
  worker.on('failed', (job) => {
    const retried = job && job.attemptsMade < (job.opts.attempts ?? 1) && !job.finishedOn;
    jobOutcomes.inc({ queue: worker.name, outcome: retried ? 'retried' : 'failed' });
  });
}

/** Job options carrying the active trace context, so the worker continues the trace (BullMQ keeps it in the job's options, not its data). */
export function jobTraceOptions(): { telemetry?: { metadata: string } } {
  const headers = traceHeaders();
  return Object.keys(headers).length ? { telemetry: { metadata: JSON.stringify(headers) } } : {};
}

/** Runs a job in a consumer span continuing the trace that enqueued it (see jobTraceOptions). */
export function inJobSpan<T>(job: Job, work: () => Promise<T>): Promise<T> {
  const metadata = job.opts.telemetry?.metadata;
  const parent = contextFromTraceHeaders(metadata ? (JSON.parse(metadata) as Record<string, string>) : {});
  return inSpan(
    `${job.queueName} ${job.name}`,
    {
      kind: SpanKind.CONSUMER,
      parent,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.destination.name': job.queueName,
        'messaging.message.id': job.id ?? '',
        'cellgraph.job.attempt': job.attemptsMade + 1,
      },
    },
    work,
  );
}
