import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Database } from '../db/database.js';
import { sqlIdentifier } from '../db/roles.js';
import type { Logger } from '../logging/logger.js';
import { uuidv7 } from '../ids/uuid.js';
import { liveEventChannel } from '../live/live-subscription.js';
import { watchQueueDepth } from '../observability/subgraph-metrics.js';
import { consumersOf, type EventConsumers } from './consumers.js';
import type { PublishedEvent } from './outbox.js';

const BATCH = 200;
/** Longest pause between attempts while relaying fails: how late the relay may notice Redis is back. */
const MAX_RETRY_DELAY_MS = 2_000;

/** The queue that delivers events to one consuming subgraph. */
export const eventQueueName = (consumer: string) => `${consumer}-events`;

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
  trace_context: string | null;
  client_address: string | null;
  user_agent: string | null;
}

/**
 * Publishes a subgraph's outbox: every unpublished event, oldest first, goes to the queue of each
 * subgraph that consumes it (the cell's routing, from code: see consumers.ts; job id = event id,
 * so a republish is absorbed) and to its organization's live channel, then is marked published —
 * in one transaction that locks the rows it takes (SKIP LOCKED), so several relays share the work.
 * Delivery is at least once.
 *
 * Redis may lose its data (a restart without persistence, a failover): the jobs it held, handed
 * over but not yet handled, die with it. The relay keeps an epoch marker in Redis; finding it gone,
 * it hands every event published within the replay window to its consumers again before it sets a
 * new marker (consumers skip what their inbox already holds), and a batch whose marker changed
 * while it was being handed over is published again.
 */
export class OutboxRelay {
  private readonly queues = new Map<string, Queue>();
  private readonly unwatch: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private tick: (() => void) | null = null;
  private busy = false;
  private woken = false;
  private failing = false;
  private readonly table: string;
  private readonly epochKey: string;
  private readonly replayKey: string;

  constructor(
    private readonly db: Database,
    private readonly consumers: EventConsumers,
    private readonly redis: Redis,
    private readonly redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    /** How far back a replay reaches: longer than any event may wait in a queue (see EVENT_REPLAY_WINDOW_MS). */
    private readonly replayWindowMs: number,
  ) {
    this.table = `${sqlIdentifier(db.schema)}.outbox`;
    this.epochKey = `${prefix}:outbox-epoch:${db.schema}`;
    this.replayKey = `${prefix}:outbox-replay:${db.schema}`;
  }

  /**
   * Relays every `intervalMs` (OUTBOX_POLL_INTERVAL_MS), and at once when woken (see wake); while
   * relaying fails (Redis or Postgres out), backs off up to 2 s, ignores wakes and logs the first
   * failure only.
   */
  start(intervalMs: number): void {
    let failures = 0;
    const tick = () => {
      if (this.stopped) return;
      this.busy = true;
      this.woken = false;
      this.running = this.relayOnce()
        .then(() => {
          if (failures) this.logger.info({ failures }, 'outbox relay recovered');
          failures = 0;
        })
        .catch((error: unknown) => {
          if (failures++ === 0) this.logger.error({ err: error }, 'outbox relay failed; retrying with backoff');
        })
        .finally(() => {
          this.busy = false;
          this.failing = failures > 0;
          if (this.stopped) return;
          // Woken while relaying: events committed meanwhile go out now, not at the next interval.
          const delay = failures ? Math.min(intervalMs * 2 ** failures, MAX_RETRY_DELAY_MS) : this.woken ? 0 : intervalMs;
          this.timer = setTimeout(tick, delay);
        });
    };
    this.tick = tick;
    tick();
  }

  /**
   * Relays now rather than at the next interval: called after a transaction that wrote events
   * commits (see Database.onEventsCommitted), so live subscribers hear of a change at once. Cheap
   * and coalescing: wakes while relaying make one more round.
   */
  wake(): void {
    if (!this.tick || this.stopped || this.failing) return;
    if (this.busy) {
      this.woken = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(this.tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const unwatch of this.unwatch) unwatch();
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Publishes one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    const epoch = await this.currentEpoch();
    const published = await this.db.maintenanceTransaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT ${COLUMNS} FROM ${this.table} WHERE published_at IS NULL ORDER BY occurred_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const row of rows) {
        const event = toEvent(row);
        await this.handOver(event, row.trace_context);
        if (event.orgId) await this.redis.publish(liveEventChannel(this.prefix, event.orgId), JSON.stringify({ ...event, origin: undefined }));
      }
      if (rows.length) await em.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1)`, [rows.map((row) => row.id)]);
      return rows.map((row) => row.id);
    });
    if (published.length && (await this.redis.get(this.epochKey)) !== epoch) {
      // Redis lost its data while this batch was handed over (and a replay may have read the
      // outbox before this batch committed): publish it again.
      await this.db.maintenanceTransaction((em) => em.query(`UPDATE ${this.table} SET published_at = NULL WHERE id = ANY($1)`, [published]));
      this.logger.warn({ events: published.length }, 'Redis lost its data while events were handed over; publishing them again');
    }
    return published.length;
  }

  /** The epoch marker; when Redis has lost it, replays the window first, then sets a new one. */
  private async currentEpoch(): Promise<string> {
    const epoch = await this.redis.get(this.epochKey);
    if (epoch) return epoch;
    const token = uuidv7();
    await this.redis.set(this.replayKey, token);
    const replayed = await this.replayRecent();
    // Still the Redis the replay went to (it did not lose its data again meanwhile)?
    if ((await this.redis.get(this.replayKey)) !== token) throw new Error('Redis lost its data during the outbox replay; replaying again');
    await this.redis.set(this.epochKey, token, 'NX');
    if (replayed)
      this.logger.warn(
        { events: replayed, windowMs: this.replayWindowMs },
        'Redis had lost its data (no outbox epoch marker): replayed the recent events to their consumers',
      );
    return (await this.redis.get(this.epochKey)) ?? token;
  }

  /** Hands every event published within the replay window to its consumers again (no live events: those are of the moment). */
  private async replayRecent(): Promise<number> {
    const recent: { id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query(`SELECT id FROM ${this.table} WHERE published_at IS NOT NULL AND published_at > now() - make_interval(secs => $1) ORDER BY id`, [
        this.replayWindowMs / 1000,
      ]),
    );
    const ids = recent.map((row) => row.id);
    for (let start = 0; start < ids.length; start += BATCH) {
      const rows: OutboxRow[] = await this.db.maintenanceTransaction((em) =>
        em.query(`SELECT ${COLUMNS} FROM ${this.table} WHERE id = ANY($1) ORDER BY id`, [ids.slice(start, start + BATCH)]),
      );
      for (const row of rows) await this.handOver(toEvent(row), row.trace_context);
    }
    return ids.length;
  }

  /** Adds the event to the queue of each of its consumers, whose handling continues the trace that wrote it (see inJobSpan). */
  private async handOver(event: PublishedEvent, traceContext: string | null): Promise<void> {
    for (const consumer of consumersOf(this.consumers, event.type)) {
      await this.queue(consumer).add(event.type, event, {
        jobId: event.id,
        ...(traceContext ? { telemetry: { metadata: traceContext } } : {}),
        attempts: 10,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: { count: 5_000 },
        removeOnFail: false,
      });
    }
  }

  private queue(consumer: string): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(eventQueueName(consumer), { connection: new Redis(this.redisUrl, { maxRetriesPerRequest: null }), prefix: this.prefix });
      this.queues.set(consumer, queue);
      this.unwatch.push(watchQueueDepth(queue));
    }
    return queue;
  }
}

const COLUMNS =
  'id, org_id, type, actor_id, actor_api_key_id, actor_api_key_name, subject_type, subject_id, data, request_id, occurred_at, trace_context, client_address, user_agent';

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
    origin: row.client_address || row.user_agent ? { clientAddress: row.client_address, userAgent: row.user_agent } : null,
  };
}
