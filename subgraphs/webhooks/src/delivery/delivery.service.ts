import {
  fromGlobalId,
  paginate,
  OrderDirection,
  requireOrgId,
  signWebhookWithSecrets,
  uuidv7,
  type Authorizer,
  type Connection,
  type Database,
  type JobQueue,
  type Logger,
  type PublishedEvent,
  type RequestContext,
  type SecretBox,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { subscribedTo } from '../catalog/event-catalog.js';
import { PING_EVENT } from '../catalog/event-catalog.js';
import type { WebhooksConfig } from '../config.js';
import { checkWebhookUrl, WebhookUrlRefused } from '../ssrf/url-guard.js';
import { WebhookEndpoint } from '../webhook-endpoint/webhook-endpoint.entity.js';
import { webhookEndpointDisabled, webhookEndpointNotFound } from '../webhook-endpoint/webhook-endpoint.errors.js';
import type { WebhookDeliveriesArgs } from '../webhook-endpoint/webhook-endpoint.inputs.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryState } from './delivery.entity.js';
import { webhookDeliveryNotFound } from './delivery.errors.js';
import { postJson, type PostOutcome } from './http-post.js';
import { subjectKeyOf, webhookPayload } from './payload.js';

/** The job that makes one delivery's next attempt. */
export const DELIVER_JOB = 'webhooks.deliver';

export const USER_AGENT = 'Cellgraph-Webhooks/1.0 (+https://cellgraph.dev/webhooks)';

const MANAGED = 'WebhookEndpoint';
/** How long past the timeout an attempt's claim lasts: a worker that died mid-attempt leaves the delivery to another after this. */
const CLAIM_MARGIN_MS = 30_000;

/** The signing secrets of an endpoint at `now`: the current one, and the previous one during a rotation's overlap. */
export function signingSecrets(box: SecretBox, endpoint: WebhookEndpoint, now: Date): string[] {
  const secrets = [box.open(endpoint.secretSealed)];
  if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(box.open(endpoint.previousSecretSealed));
  }
  return secrets;
}

/**
 * Deliveries: one per (endpoint, event) the endpoint subscribed to, each POSTed by a job, retried
 * with backoff until a 2xx or the last attempt; in order per object and endpoint (a delivery waits
 * while an earlier event of the same object is still pending for that endpoint).
 */
export class DeliveryService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly jobs: JobQueue,
    private readonly box: SecretBox,
    private readonly config: WebhooksConfig,
    private readonly logger: Logger,
  ) {}

  /**
   * An event of the cell (at least once): a delivery for each enabled endpoint of its organization
   * that subscribed to its type, created once per (endpoint, event), and its first attempt queued.
   * Events outside any organization are not delivered.
   */
  async handleEvent(event: PublishedEvent): Promise<void> {
    const orgId = event.orgId;
    if (!orgId) return;
    const subjectKey = subjectKeyOf(event.subject);
    // An object's events handled at the same moment (several event workers) are seen before the first attempt.
    const settleMs = subjectKey ? this.config.orderSettleMs : 0;
    const pending = await this.db.transaction({ orgId, userId: null }, async (em) => {
      // Every event of the cell comes here: most match no endpoint, and cost this one query.
      const endpoints = (await em.find(WebhookEndpoint, { where: { orgId, enabled: true } })).filter((endpoint) =>
        subscribedTo(endpoint.eventTypes, event.type),
      );
      if (!endpoints.length) return [];
      const body = JSON.stringify(webhookPayload({ ...event, orgId }));
      for (const endpoint of endpoints) {
        await em.query(
          `INSERT INTO webhooks.webhook_deliveries (id, org_id, endpoint_id, event_id, event_type, subject_key, request_body, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8::double precision / 1000))
           ON CONFLICT (endpoint_id, event_id) WHERE redelivery_of IS NULL DO NOTHING`,
          [uuidv7(), orgId, endpoint.id, event.id, event.type, subjectKey, body, settleMs],
        );
      }
      // Also those of an earlier try whose jobs may not have been queued (Redis failed after the commit).
      return (await em.query(
        `SELECT id FROM webhooks.webhook_deliveries WHERE endpoint_id = ANY($1::uuid[]) AND event_id = $2 AND state = 'pending' AND attempt_count = 0`,
        [endpoints.map((endpoint) => endpoint.id), event.id],
      )) as { id: string }[];
    });
    for (const { id } of pending) await this.schedule(orgId, id, `${id}-first`, settleMs);
  }

  /** Sends a `ping` event to an endpoint (also a disabled one: to test it before enabling it again). */
  async ping(request: RequestContext, endpointId: string): Promise<WebhookDelivery> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', MANAGED);
    const delivery = await this.db.transaction(request, async (em) => {
      const endpoint = await em.findOneBy(WebhookEndpoint, { id: endpointId });
      if (!endpoint) throw webhookEndpointNotFound();
      const eventId = uuidv7();
      const body = JSON.stringify(
        webhookPayload({
          id: eventId,
          type: PING_EVENT,
          occurredAt: new Date().toISOString(),
          orgId,
          subject: { type: 'WebhookEndpoint', id: endpoint.id },
          data: { url: endpoint.url, eventTypes: endpoint.eventTypes },
        }),
      );
      return em.save(
        em.create(WebhookDelivery, {
          id: uuidv7(),
          orgId,
          endpointId: endpoint.id,
          eventId,
          eventType: PING_EVENT,
          subjectKey: null,
          requestBody: body,
          state: WebhookDeliveryState.PENDING,
          attemptCount: 0,
          nextAttemptAt: new Date(),
        }),
      );
    });
    await this.schedule(orgId, delivery.id, `${delivery.id}-first`);
    return delivery;
  }

  /** Sends a delivery's event again, as a new delivery with the same event id and body (its receiver dedupes by the id). */
  async redeliver(request: RequestContext, globalId: string): Promise<WebhookDelivery> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', MANAGED);
    const id = fromGlobalId('WebhookDelivery', globalId);
    const delivery = await this.db.transaction(request, async (em) => {
      const original = await em.findOneBy(WebhookDelivery, { id });
      if (!original) throw webhookDeliveryNotFound();
      const endpoint = await em.findOneBy(WebhookEndpoint, { id: original.endpointId });
      if (!endpoint) throw webhookDeliveryNotFound();
      if (!endpoint.enabled) throw webhookEndpointDisabled();
      return em.save(
        em.create(WebhookDelivery, {
          id: uuidv7(),
          orgId,
          endpointId: original.endpointId,
          eventId: original.eventId,
          eventType: original.eventType,
          subjectKey: null,
          requestBody: original.requestBody,
          state: WebhookDeliveryState.PENDING,
          attemptCount: 0,
          nextAttemptAt: new Date(),
          redeliveryOf: original.redeliveryOf ?? original.id,
        }),
      );
    });
    await this.schedule(orgId, delivery.id, `${delivery.id}-first`);
    return delivery;
  }

  /** An endpoint's deliveries, newest first. */
  list(request: RequestContext, endpoint: WebhookEndpoint, args: WebhookDeliveriesArgs): Promise<Connection<WebhookDelivery>> {
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(WebhookDelivery, 'delivery').where('delivery.endpointId = :endpointId', { endpointId: endpoint.id });
        if (args.state) query.andWhere('delivery.state = :state', { state: args.state });
        return query;
      },
      sort: [
        { name: 'createdAt', path: 'delivery.createdAt', direction: OrderDirection.DESC, sqlType: 'timestamptz' },
        { name: 'id', path: 'delivery.id', direction: OrderDirection.DESC, sqlType: 'uuid' },
      ],
      args,
    });
  }

  /** The attempts of deliveries, by delivery id (one query for a page of deliveries). */
  async attemptsOf(request: RequestContext, deliveryIds: readonly string[]): Promise<WebhookDeliveryAttempt[][]> {
    const rows = await this.db.transaction(request, (em) =>
      em
        .createQueryBuilder(WebhookDeliveryAttempt, 'attempt')
        .where('attempt.deliveryId IN (:...ids)', { ids: [...deliveryIds] })
        .orderBy('attempt.number', 'ASC')
        .getMany(),
    );
    return deliveryIds.map((id) => rows.filter((row) => row.deliveryId === id));
  }

  /**
   * One attempt of a delivery (the job `webhooks.deliver`). The database decides what is due, so a
   * job run twice, early or for a delivery already done does nothing: it claims the delivery
   * (locked row, a lease past the timeout), POSTs outside the transaction, then records the outcome
   * and queues the retry, or the next delivery of the same object.
   */
  async attempt(orgId: string, deliveryId: string, jobId: string): Promise<void> {
    const scope = { orgId, userId: null };
    const claim = await this.db.transaction(scope, async (em) => {
      const delivery = await em.findOne(WebhookDelivery, { where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery || delivery.state !== WebhookDeliveryState.PENDING) return null;
      const now = new Date();
      // Another job holds it (its retry or the next attempt queues what follows); a re-run of the holder (it crashed) goes on.
      if (delivery.claimedUntil && delivery.claimedUntil > now && delivery.claimedBy !== jobId) return null;
      if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > now.getTime() + 1_000) {
        return { wait: delivery.nextAttemptAt.getTime() - now.getTime() } as const;
      }
      const endpoint = await em.findOne(WebhookEndpoint, { where: { id: delivery.endpointId }, withDeleted: true });
      if (!endpoint || endpoint.deletedAt || (!endpoint.enabled && delivery.eventType !== PING_EVENT)) {
        await em.update(
          WebhookDelivery,
          { id: delivery.id },
          { state: WebhookDeliveryState.FAILED, error: 'endpoint disabled or deleted', nextAttemptAt: null, completedAt: now },
        );
        return null;
      }
      if (delivery.subjectKey) {
        const [earlier] = (await em.query(
          `SELECT id FROM webhooks.webhook_deliveries WHERE endpoint_id = $1 AND subject_key = $2 AND state = 'pending' AND event_id < $3 AND id <> $4
           ORDER BY event_id LIMIT 1`,
          [delivery.endpointId, delivery.subjectKey, delivery.eventId, delivery.id],
        )) as { id: string }[];
        if (earlier) {
          if (delivery.waitingFor !== earlier.id) await em.update(WebhookDelivery, { id: delivery.id }, { waitingFor: earlier.id });
          return { wait: this.config.orderRecheckMs } as const;
        }
      }
      await em.update(
        WebhookDelivery,
        { id: delivery.id },
        // Claimed: nothing earlier is pending any more, so it waits for nothing.
        { claimedBy: jobId, claimedUntil: new Date(now.getTime() + this.config.timeoutMs + CLAIM_MARGIN_MS), waitingFor: null },
      );
      return { delivery, endpoint, secrets: signingSecrets(this.box, endpoint, now) } as const;
    });
    if (!claim) return;
    if ('wait' in claim) return this.schedule(orgId, deliveryId, `${deliveryId}-${uuidv7()}`, claim.wait);

    const { delivery, endpoint, secrets } = claim;
    const number = delivery.attemptCount + 1;
    const startedAt = new Date();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'cellgraph-event-id': delivery.eventId,
      'cellgraph-event-type': delivery.eventType,
      'cellgraph-delivery-id': delivery.globalId,
      'cellgraph-signature': signWebhookWithSecrets(secrets, Buffer.from(delivery.requestBody)),
    };
    let outcome: PostOutcome;
    try {
      // Checked again now (DNS may have changed since the endpoint was saved) and connected to the address checked.
      const target = await checkWebhookUrl(endpoint.url, { allowPrivate: this.config.allowPrivateUrls });
      outcome = await postJson(target, delivery.requestBody, headers, this.config.timeoutMs);
    } catch (error) {
      const message = error instanceof WebhookUrlRefused ? `URL refused: ${error.message}` : (error as Error).message;
      outcome = { status: null, bodyExcerpt: null, error: message, durationMs: Math.round(Date.now() - startedAt.getTime()) };
    }
    const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    await this.record(orgId, delivery, endpoint, number, startedAt, headers, outcome, succeeded);
  }

  private async record(
    orgId: string,
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    number: number,
    startedAt: Date,
    headers: Record<string, string>,
    outcome: PostOutcome,
    succeeded: boolean,
  ): Promise<void> {
    const maxAttempts = this.config.retryScheduleMs.length + 1;
    const final = succeeded || number >= maxAttempts;
    const retryInMs = final ? null : this.backoff(number);
    const followUp = await this.db.transaction({ orgId, userId: null }, async (em) => {
      await em.insert(WebhookDeliveryAttempt, {
        id: uuidv7(),
        orgId,
        deliveryId: delivery.id,
        number,
        startedAt,
        durationMs: outcome.durationMs,
        responseStatus: outcome.status,
        responseBodyExcerpt: outcome.bodyExcerpt,
        error: outcome.error,
        succeeded,
      });
      const now = new Date();
      await em.update(
        WebhookDelivery,
        { id: delivery.id },
        {
          attemptCount: number,
          requestHeaders: headers,
          responseStatus: outcome.status,
          responseBodyExcerpt: outcome.bodyExcerpt,
          durationMs: outcome.durationMs,
          error: outcome.error,
          claimedBy: null,
          claimedUntil: null,
          state: succeeded ? WebhookDeliveryState.SUCCEEDED : final ? WebhookDeliveryState.FAILED : WebhookDeliveryState.PENDING,
          nextAttemptAt: retryInMs === null ? null : new Date(now.getTime() + retryInMs),
          completedAt: final ? now : null,
        },
      );
      if (final && delivery.eventType !== PING_EVENT) await this.countOutcome(em, endpoint, succeeded);
      if (!final || !delivery.subjectKey) return null;
      const [next] = (await em.query(
        `SELECT id FROM webhooks.webhook_deliveries WHERE endpoint_id = $1 AND subject_key = $2 AND state = 'pending' ORDER BY event_id LIMIT 1`,
        [delivery.endpointId, delivery.subjectKey],
      )) as { id: string }[];
      return next?.id ?? null;
    });
    if (retryInMs !== null) await this.schedule(orgId, delivery.id, `${delivery.id}-${number + 1}`, retryInMs);
    // The next event of the same object was waiting for this one.
    if (followUp) await this.schedule(orgId, followUp, `${followUp}-${uuidv7()}`);
  }

  /**
   * A delivery that succeeded resets its endpoint's failure count; one that failed for good adds
   * one, and at WEBHOOK_DISABLE_AFTER_FAILURES in a row the endpoint is disabled
   * (`webhook_endpoint.disabled`; notifications tells the organization's admins).
   */
  private async countOutcome(em: EntityManager, endpoint: WebhookEndpoint, succeeded: boolean): Promise<void> {
    if (succeeded) {
      // Bookkeeping like the failures' count below: no write (nor a new updatedAt) when there is nothing to reset.
      await em.query(`UPDATE webhooks.webhook_endpoints SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures > 0`, [endpoint.id]);
      return;
    }
    const [row] = (await em.query(
      `UPDATE webhooks.webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures, enabled`,
      [endpoint.id],
    )) as [{ consecutive_failures: number; enabled: boolean }[], number];
    const updated = row[0];
    if (!updated || !updated.enabled || updated.consecutive_failures < this.config.disableAfterFailures) return;
    await em.update(WebhookEndpoint, { id: endpoint.id }, { enabled: false, disabledAt: new Date() });
    this.logger.warn({ endpointId: endpoint.id, failures: updated.consecutive_failures }, 'webhook endpoint disabled after failed deliveries');
    const recipients = [
      ...new Set([...(await this.authz.usersWithRole(endpoint.orgId, 'owner')), ...(await this.authz.usersWithRole(endpoint.orgId, 'admin'))]),
    ];
    await this.db.emit(em, {
      type: 'webhook_endpoint.disabled',
      orgId: endpoint.orgId,
      actorId: null,
      subject: { type: 'WebhookEndpoint', id: endpoint.id },
      data: { url: endpoint.url, consecutiveFailures: updated.consecutive_failures, recipients },
    });
  }

  /** The delay before attempt `number + 1`: the schedule's entry, varied by the jitter either way. */
  backoff(number: number): number {
    const base = this.config.retryScheduleMs[Math.min(number - 1, this.config.retryScheduleMs.length - 1)]!;
    const jitter = this.config.retryJitter * (2 * Math.random() - 1);
    return Math.max(0, Math.round(base * (1 + jitter)));
  }

  private async schedule(orgId: string, deliveryId: string, jobId: string, delay = 0): Promise<void> {
    await this.jobs.enqueue(DELIVER_JOB, { orgId, deliveryId }, { jobId, delay });
  }
}
