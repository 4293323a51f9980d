import { Queue, Worker } from 'bullmq';
import type { Logger } from '../logging/logger.js';
import { inJobSpan, jobTraceOptions, observeJobOutcomes, watchQueueDepth } from '../observability/subgraph-metrics.js';
import type { EmailMessage, EmailProvider } from '../messaging/email.js';
import { Redis } from 'ioredis';
import { lockOptions } from './workers.js';

const EMAIL_QUEUE = 'email';

/**
 * Sends e-mail through a BullMQ queue: the caller enqueues (after its transaction committed) and
 * returns at once; a worker delivers through the provider with retries and backoff. The caller's
 * delivery key is the job id — enqueueing is idempotent (the same reset e-mail is not queued
 * twice) — and goes to the provider, which sends once per key: a worker that crashed after sending
 * does not send twice. It must be the caller's, stable for the message (never BullMQ's counter,
 * which starts again at 1 when Redis loses its data); BullMQ refuses ids with ':' in them.
 */
export class Mailer {
  private readonly queue: Queue;
  private readonly unwatch: () => void;

  constructor(redisUrl: string, prefix: string) {
    this.queue = new Queue(EMAIL_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix });
    this.unwatch = watchQueueDepth(this.queue);
  }

  async send(message: EmailMessage, deliveryKey: string): Promise<void> {
    await this.queue.add('send', message, {
      jobId: deliveryKey,
      ...jobTraceOptions(),
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: 1_000 },
      removeOnFail: false,
    });
  }

  async close(): Promise<void> {
    this.unwatch();
    await this.queue.close();
  }
}

/** The worker that delivers queued e-mail; failed jobs stay in the queue's failed list. */
export function startEmailWorker(redisUrl: string, prefix: string, provider: EmailProvider, logger: Logger, lockMs?: number): Worker {
  const worker = new Worker<EmailMessage>(
    EMAIL_QUEUE,
    (job) =>
      inJobSpan(job, async () => {
        const { messageId } = await provider.send(job.data, job.id!);
        logger.info({ jobId: job.id, messageId, provider: provider.name }, 'e-mail sent');
      }),
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: 4, ...lockOptions(lockMs) },
  );
  observeJobOutcomes(worker);
  worker.on('failed', (job, error) => logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'e-mail delivery failed'));
  return worker;
}
