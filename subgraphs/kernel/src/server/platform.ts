import type { Worker } from 'bullmq';
import { z } from 'zod';
import { cellNamespaceEnv, redisKeyPrefixOf, requireCellName } from '../config/cell-namespace.js';
import { intFromEnv, parseEnv } from '../config/env.js';
import { GraphClient } from '../graph/graph-client.js';
import { eventConsumersEnv, type EventConsumers } from '../events/consumers.js';
import { Mailer, startEmailWorker } from '../jobs/mailer.js';
import { DEFAULT_WORKER_LOCK_MS } from '../jobs/workers.js';
import { jobAlertEnv } from '../jobs/job-alerts.js';
import type { Logger } from '../logging/logger.js';
import { emailEnv, emailProviderFrom } from '../messaging/email.js';
import { connectRedis, DEFAULT_REDIS_COMMAND_TIMEOUT_MS, type Redis } from '../redis/redis.js';

export const platformEnv = z
  .object({
    REDIS_URL: z.url({ error: 'must be a redis:// URL' }),
    /** How long a Redis command of the request path may go unanswered before Redis counts as unavailable. */
    REDIS_COMMAND_TIMEOUT_MS: intFromEnv(DEFAULT_REDIS_COMMAND_TIMEOUT_MS),
    /** Run background work in this process: outbox relays, event and job workers, e-mail delivery. */
    WORKERS: z.enum(['on', 'off']).default('on'),
    /** How long a crashed worker's jobs stay locked before another worker takes them (see jobs/workers `lockOptions`). */
    WORKER_LOCK_MS: intFromEnv(DEFAULT_WORKER_LOCK_MS),
    /** The cell's event routing, `{"<subgraph>": ["<event pattern>", …]}` (see events/consumers); required to relay events. */
    CELL_EVENT_CONSUMERS: eventConsumersEnv,
    /** How far back the relays publish events again after Redis lost its data: longer than an event may wait in a queue. */
    EVENT_REPLAY_WINDOW_MS: intFromEnv(24 * 60 * 60 * 1000),
    /** How often a relay looks for events committed by other processes (its own process's go out at once, on commit). */
    OUTBOX_POLL_INTERVAL_MS: intFromEnv(200),
    /** The gateway's /graphql, for subgraphs that ask the graph on behalf of a request. */
    GRAPH_URL: z.url().optional(),
  })
  .extend(emailEnv.shape)
  // Who is told when a scheduled job keeps failing (see jobs/job-alerts).
  .extend(jobAlertEnv.shape)
  // The cell's Redis namespace (keys, queues, channels; cells may share a Redis): see cell-namespace.
  .extend(cellNamespaceEnv.shape);

/** A process that runs background work relays its subgraphs' outboxes: it must know where events go. */
const requireEventConsumers = (config: { WORKERS: 'on' | 'off'; CELL_EVENT_CONSUMERS?: EventConsumers }, ctx: z.RefinementCtx) => {
  if (config.WORKERS === 'on' && !config.CELL_EVENT_CONSUMERS) {
    ctx.addIssue({
      code: 'custom',
      path: ['CELL_EVENT_CONSUMERS'],
      message: 'is required with WORKERS=on (the cell’s event routing: `cellEventConsumers(definitions)` as JSON; the cell launchers set it)',
    });
  }
};

/** What a host process shares among its subgraphs: Redis, the key prefix, the mailer. */
export interface Platform {
  redis: Redis;
  redisUrl: string;
  keyPrefix: string;
  mailer: Mailer;
  /** Whether this process runs background work. */
  workers: boolean;
  /** Lock of a worker's jobs (see WORKER_LOCK_MS). */
  workerLockMs: number;
  /** The cell's event routing (CELL_EVENT_CONSUMERS), if given: the relays need it. */
  eventConsumers: EventConsumers | undefined;
  /** See EVENT_REPLAY_WINDOW_MS. */
  eventReplayWindowMs: number;
  /** See OUTBOX_POLL_INTERVAL_MS. */
  outboxPollIntervalMs: number;
  /** The graph, asked on behalf of a request (see GraphClient). */
  graph: GraphClient;
  /** Alerts of scheduled jobs failing in a row (JOB_ALERT_EMAILS, JOB_ALERT_AFTER_FAILURES, JOB_ALERT_LOCALE). */
  jobAlerts: { emails: string[]; afterFailures: number; locale: string; cell: string };
  stop(): Promise<void>;
}

export function startPlatform(env: NodeJS.ProcessEnv, logger: Logger): Platform {
  const config = parseEnv('platform', platformEnv.superRefine(requireCellName).superRefine(requireEventConsumers), env);
  const keyPrefix = redisKeyPrefixOf(config);
  const redis = connectRedis(config.REDIS_URL, 'cellgraph-subgraphs', config.REDIS_COMMAND_TIMEOUT_MS);
  const mailer = new Mailer(config.REDIS_URL, keyPrefix);
  const worker: Worker | undefined =
    config.WORKERS === 'on' ? startEmailWorker(config.REDIS_URL, keyPrefix, emailProviderFrom(config), logger, config.WORKER_LOCK_MS) : undefined;
  return {
    redis,
    redisUrl: config.REDIS_URL,
    keyPrefix,
    mailer,
    workers: config.WORKERS === 'on',
    workerLockMs: config.WORKER_LOCK_MS,
    eventConsumers: config.CELL_EVENT_CONSUMERS,
    eventReplayWindowMs: config.EVENT_REPLAY_WINDOW_MS,
    outboxPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    graph: new GraphClient(config.GRAPH_URL),
    jobAlerts: { emails: config.JOB_ALERT_EMAILS, afterFailures: config.JOB_ALERT_AFTER_FAILURES, locale: config.JOB_ALERT_LOCALE, cell: keyPrefix },
    async stop() {
      await worker?.close();
      await mailer.close();
      redis.disconnect();
    },
  };
}
