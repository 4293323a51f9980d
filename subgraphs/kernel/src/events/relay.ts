import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Database } from '../db/database.js';
import { sqlIdentifier } from '../db/roles.js';
import type { Logger } from '../logging/logger.js';
import type { ConsumerDirectory } from './consumers.js';
import type { PublishedEvent } from './outbox.js';

const BATCH = 200;

/** The queue that delivers events to one consuming subgraph. */
export const eventQueueName = (consumer: string) => `${consumer}-events`;
/** The Redis pub/sub channel of an organization's live events. */
export const liveEventChannel = (prefix: string, orgId: string) => `${prefix}:live:${orgId}`;

interface OutboxRow {
  id: string;
  org_id: string | null;
  type: string;
  actor_id: string | null;
  actor_api_key_id: string | null;
  actor_api_key_name: string | null;
  subject_type: string | null;
  subject_id: string | null;
  data: Record<string, unknown>;
  request_id: string | null;
  occurred_at: Date;
}

/**
 * Publishes a subgraph's outbox: every unpublished event, oldest first, goes to the queue of each
 * consuming subgraph (job id = event id, so a republish is absorbed) and to its organization's
 * live channel, then is marked published — in one transaction that locks the rows it takes
 * (SKIP LOCKED), so several relays share the work. Delivery is at least once.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly directory: ConsumerDirectory,
    private readonly redis: Redis,
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  start(intervalMs = 200): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.relayOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'outbox relay failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Publishes one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    const table = `${sqlIdentifier(this.db.schema)}.outbox`;
    return this.db.maintenanceTransaction(
      async (em) => {
        const rows: OutboxRow[] = await em.query(
          `SELECT id, org_id, type, actor_id, actor_api_key_id, actor_api_key_name, subject_type, subject_id, data, request_id, occurred_at FROM ${table}
            WHERE published_at IS NULL ORDER BY occurred_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        if (!rows.length) return 0;
        for (const row of rows) {
          const event = toEvent(row);
          for (const consumer of await this.directory.consumersOf(event.type)) {
            await this.queue(consumer).add(event.type, event, { jobId: event.id, attempts: 10, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { count: 5_000 }, removeOnFail: false });
          }
          if (event.orgId) await this.redis.publish(liveEventChannel(this.prefix, event.orgId), JSON.stringify(event));
        }
        await em.query(`UPDATE ${table} SET published_at = now() WHERE id = ANY($1)`, [rows.map((row) => row.id)]);
        return rows.length;
      },
    );
  }

  private queue(consumer: string): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(eventQueueName(consumer), { connection: new Redis(this.redisUrl, { maxRetriesPerRequest: null }), prefix: this.prefix });
      this.queues.set(consumer, queue);
    }
    return queue;
  }
}

function toEvent(row: OutboxRow): PublishedEvent {
  return {
    id: row.id,
    type: row.type,
    orgId: row.org_id,
    actorId: row.actor_id,
    actorApiKey: row.actor_api_key_id ? { id: row.actor_api_key_id, name: row.actor_api_key_name } : null,
    subject: row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    data: row.data,
    requestId: row.request_id,
    occurredAt: row.occurred_at.toISOString(),
  };
}
