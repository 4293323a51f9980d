import { TRASH_SWEEP_JOB, type TrashKeeper } from '../db/trash.js';
import { assertHandlersDeclared, AUDITED_EVENTS, routedHandlers } from '../events/consumers.js';
import { EVENT_INBOX_PRUNE_EVERY_MS, EVENT_INBOX_PRUNE_JOB, EventInbox } from '../events/inbox.js';
import { typedJob } from '../events/contracts.js';
import { OutboxRelay } from '../events/relay.js';
import { SEARCH_REBUILD_JOB, searchRebuildPayload } from '../search/searchable.js';
import { startEventWorker, startJobWorker, type JobHandler } from '../jobs/workers.js';
import { JobAlerts } from '../jobs/job-alerts.js';
import { jobMessages } from '../jobs/messages.js';
import type { SubgraphDefinition, SubgraphRuntime } from './subgraph-definition.js';
import type { SubgraphRuntimeOptions } from './subgraph-runtime.js';

const TRASH_SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * A subgraph's background work in this process: the relay of its outbox (routing events by the
 * cell's CELL_EVENT_CONSUMERS), its event handlers (behind its inbox), its job worker and schedules.
 * Run by a subgraph process with WORKERS=on, or by the worker service. Returns how to stop each.
 */
export async function startBackgroundWork<TServices>(
  definition: SubgraphDefinition<TServices>,
  services: TServices,
  runtime: SubgraphRuntime,
  platform: SubgraphRuntimeOptions['platform'],
  trash: TrashKeeper | null,
): Promise<(() => Promise<void>)[]> {
  const { db, redis, keyPrefix: prefix, logger } = runtime;
  const { redisUrl, workerLockMs: lockMs } = platform;
  const stops: (() => Promise<void>)[] = [];
  const [{ exists }] = (await db.dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [`${definition.name}.outbox`])) as [{ exists: boolean }];
  if (exists) {
    if (!platform.eventConsumers) throw new Error('CELL_EVENT_CONSUMERS is required to relay events (the platform checks it with WORKERS=on)');
    const relay = new OutboxRelay(db, platform.eventConsumers, redis, redisUrl, prefix, logger, platform.eventReplayWindowMs);
    relay.start(platform.outboxPollIntervalMs);
    // A change's events go out right after its commit (this process's writes; others' at the next poll).
    const unwake = db.onEventsCommitted(() => relay.wake());
    stops.push(async () => {
      unwake();
      await relay.stop();
    });
  }
  const handlers = definition.eventHandlers?.(services);
  const jobHandlers: Record<string, JobHandler> = { ...definition.jobs?.(services) };
  const schedules = [...(definition.schedules ?? [])];
  if (handlers && Object.keys(handlers).length) {
    assertHandlersDeclared(definition.name, definition.consumes, Object.keys(handlers));
    const routed = platform.eventConsumers?.[definition.name];
    const named = definition.consumes!.filter((pattern) => pattern !== AUDITED_EVENTS);
    const auditSink = named.length !== definition.consumes!.length;
    // An audit sink's routing also holds the cell's audited patterns, which it cannot know.
    const stale = auditSink ? named.some((pattern) => !routed?.includes(pattern)) : !routed || [...routed].sort().join() !== [...named].sort().join();
    if (stale) {
      logger.warn(
        { routed, consumes: definition.consumes },
        'CELL_EVENT_CONSUMERS does not route to this subgraph the events it consumes (a stale cell configuration?)',
      );
    }
    const inbox = new EventInbox(db);
    const worker = startEventWorker(definition.name, routedHandlers(handlers), inbox, { redisUrl, prefix, logger, lockMs });
    stops.push(() => worker.close());
    jobHandlers[EVENT_INBOX_PRUNE_JOB] = () => inbox.prune(2 * platform.eventReplayWindowMs);
    schedules.push({ job: EVENT_INBOX_PRUNE_JOB, everyMs: EVENT_INBOX_PRUNE_EVERY_MS, description: jobMessages.inboxPrune });
  }
  if (trash) {
    jobHandlers[TRASH_SWEEP_JOB] = async () => void (await trash.sweep());
    schedules.push({ job: TRASH_SWEEP_JOB, everyMs: TRASH_SWEEP_EVERY_MS, description: jobMessages.trashSweep });
  }
  const documents = db.searchDocuments;
  if (documents) {
    jobHandlers[SEARCH_REBUILD_JOB] = typedJob(SEARCH_REBUILD_JOB, searchRebuildPayload, async ({ orgId }) => {
      const count = await documents.rebuild((work) => db.transaction({ orgId, userId: null }, work), orgId);
      logger.info({ orgId, count }, 'search documents rebuilt');
    });
  }
  if (Object.keys(jobHandlers).length) {
    const alerts = new JobAlerts(runtime.mailer, platform.jobAlerts, logger);
    const worker = await startJobWorker(definition.name, jobHandlers, schedules, { redisUrl, prefix, logger, lockMs, features: runtime.features, alerts });
    stops.push(() => worker.close());
  }
  return stops;
}

/** Stops what startBackgroundWork started, in order (a relay before the workers it feeds). */
export async function stopBackgroundWork(stops: readonly (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops) await stop();
}
