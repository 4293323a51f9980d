import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  idempotent,
  newSecretToken,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  TrackedFields,
  uuidv7,
  validateInput,
  zodMessage,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
  type SecretBox,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { EventCatalog } from '../catalog/event-catalog.js';
import { webhooksErrorTexts } from '../messages.js';
import { checkWebhookUrl, WebhookUrlRefused, type UrlPolicy } from '../ssrf/url-guard.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { unknownEventType, WebhookEndpointErrorCode, webhookEndpointNotFound, webhookUrlRefused } from './webhook-endpoint.errors.js';
import type { WebhookEndpointCreateInput, WebhookEndpointFilter, WebhookEndpointUpdateInput, WebhookEndpointsArgs } from './webhook-endpoint.inputs.js';

const url = z.string().trim().min(1).max(2048, zodMessage(webhooksErrorTexts.urlTooLong));
const description = z.string().max(10_000, zodMessage(webhooksErrorTexts.descriptionTooLong)).nullable();
const eventTypes = z
  .array(z.string().trim().min(1))
  .min(1, zodMessage(webhooksErrorTexts.eventTypesRequired))
  .max(300, zodMessage(webhooksErrorTexts.eventTypesTooMany))
  .transform((types) => [...new Set(types)]);
const createInput = z.object({ url, description: description.optional(), eventTypes, enabled: z.boolean().nullish() });
const updateInput = z.object({
  id: globalIdOf('WebhookEndpoint'),
  url: url.nullish(),
  description: description.optional(),
  eventTypes: eventTypes.nullish(),
  enabled: z.boolean().nullish(),
});
const idInput = z.object({ id: globalIdOf('WebhookEndpoint') });
const rotateInput = z.object({
  id: globalIdOf('WebhookEndpoint'),
  overlapHours: z.number().int().min(0, zodMessage(webhooksErrorTexts.overlapHours)).max(168, zodMessage(webhooksErrorTexts.overlapHours)),
});

/** The fields its events carry before and after a change (never the secrets). */
const TRACKED = TrackedFields.of(WebhookEndpoint, ['url', 'description', 'eventTypes', 'enabled']);

const filterSpec: FilterSpec = {
  id: { path: 'webhookEndpoint.id', kind: 'id', idType: 'WebhookEndpoint' },
  url: { path: 'webhookEndpoint.url', kind: 'string' },
  createdBy: { path: 'webhookEndpoint.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'webhookEndpoint.createdAt', kind: 'datetime' },
  updatedAt: { path: 'webhookEndpoint.updatedAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'webhookEndpoint.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'webhookEndpoint.updatedAt', sqlType: 'timestamptz' },
  url: { path: 'webhookEndpoint.url', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'webhookEndpoint.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** What webhooks need to check: the permission every operation needs (owners and admins hold it). */
export const MANAGE = 'manage';

/** A new signing secret (`whsec_` + 32 random bytes). */
export const newSigningSecret = () => newSecretToken('whsec').token;

/**
 * Webhook endpoints of the caller's organization. Only owners and admins (`manage`) see and change
 * them: they carry the organization's events out of the cell. Secrets are sealed at rest and
 * shown once (create, rotation). URLs pass the SSRF guard; event types must be in the catalog.
 */
export class WebhookEndpointService {
  readonly access: AggregateAccess<WebhookEndpoint>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly box: SecretBox,
    private readonly catalog: EventCatalog,
    private readonly urlPolicy: UrlPolicy,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'WebhookEndpoint',
      entity: WebhookEndpoint,
      table: 'webhooks.webhook_endpoints',
      notFound: webhookEndpointNotFound,
      // Owners and admins read every endpoint of their organization; nobody else any.
      readableOf: async (request, rows) => {
        const allowed = rows.length ? await authz.can(request, MANAGE, 'WebhookEndpoint') : false;
        return rows.map(() => allowed);
      },
    });
  }

  requireManage(request: RequestContext): Promise<void> {
    return this.authz.require(request, MANAGE, 'WebhookEndpoint');
  }

  async list(request: RequestContext, args: WebhookEndpointsArgs): Promise<Connection<WebhookEndpoint>> {
    requireOrgId(request);
    await this.requireManage(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.query(em, args.filter),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  async create(request: RequestContext, input: WebhookEndpointCreateInput): Promise<{ webhookEndpoint: WebhookEndpoint; secret?: string }> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.requireManage(request);
    const valid = validateInput(createInput, input, WebhookEndpointErrorCode.InvalidInput);
    this.checkEventTypes(valid.eventTypes);
    await this.checkUrl(valid.url);
    let secret: string | undefined;
    const webhookEndpoint = await this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'webhookEndpointCreate',
        input: valid,
        create: async () => {
          secret = newSigningSecret();
          const webhookEndpoint = await em.save(
            em.create(WebhookEndpoint, {
              id: uuidv7(),
              orgId,
              url: valid.url,
              description: valid.description ?? null,
              eventTypes: valid.eventTypes,
              enabled: valid.enabled ?? true,
              secretSealed: this.box.seal(secret),
              previousSecretSealed: null,
              previousSecretExpiresAt: null,
              consecutiveFailures: 0,
              disabledAt: null,
              createdBy: actorId,
            }),
          );
          await this.emit(em, webhookEndpoint, 'webhook_endpoint.created', { after: TRACKED.snapshot(webhookEndpoint) });
          return webhookEndpoint;
        },
        load: (id) => em.findOneBy(WebhookEndpoint, { id }),
      }),
    );
    // A replay of an idempotent create does not show the secret again.
    return { webhookEndpoint, secret };
  }

  async update(request: RequestContext, input: WebhookEndpointUpdateInput): Promise<WebhookEndpoint> {
    await this.requireManage(request);
    const { id, url, eventTypes, enabled, description } = validateInput(updateInput, input, WebhookEndpointErrorCode.InvalidInput);
    if (eventTypes) this.checkEventTypes(eventTypes);
    if (url) await this.checkUrl(url);
    return this.db.transaction(request, async (em) => {
      const webhookEndpoint = await this.access.loadForUpdate(em, request, 'write', id);
      const before = TRACKED.snapshot(webhookEndpoint);
      if (url) webhookEndpoint.url = url;
      if (eventTypes) webhookEndpoint.eventTypes = eventTypes;
      if (description !== undefined) webhookEndpoint.description = description;
      if (enabled !== undefined && enabled !== null) {
        // Enabled again by a person: it starts over.
        if (enabled && !webhookEndpoint.enabled) Object.assign(webhookEndpoint, { consecutiveFailures: 0, disabledAt: null });
        webhookEndpoint.enabled = enabled;
      }
      const saved = await em.save(webhookEndpoint);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'webhook_endpoint.updated', change);
      return saved;
    });
  }

  /** A new secret, shown once; the previous one keeps signing (beside it) for `overlapHours`. */
  async rotateSecret(request: RequestContext, input: { id: string; overlapHours: number }): Promise<{ webhookEndpoint: WebhookEndpoint; secret: string }> {
    await this.requireManage(request);
    const { id, overlapHours } = validateInput(rotateInput, input, WebhookEndpointErrorCode.InvalidInput);
    const secret = newSigningSecret();
    const webhookEndpoint = await this.db.transaction(request, async (em) => {
      const webhookEndpoint = await this.access.loadForUpdate(em, request, 'write', id);
      const expiresAt = overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null;
      Object.assign(webhookEndpoint, {
        previousSecretSealed: expiresAt ? webhookEndpoint.secretSealed : null,
        previousSecretExpiresAt: expiresAt,
        secretSealed: this.box.seal(secret),
      });
      const saved = await em.save(webhookEndpoint);
      await this.emit(em, saved, 'webhook_endpoint.secret_rotated', { overlapHours, previousSecretExpiresAt: expiresAt?.toISOString() ?? null });
      return saved;
    });
    return { webhookEndpoint, secret };
  }

  /** Moves a webhook endpoint to the trash: nothing is delivered to it any more. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    await this.requireManage(request);
    const { id } = validateInput(idInput, input, WebhookEndpointErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const webhookEndpoint = await this.access.loadForUpdate(em, request, 'write', id);
      await em.softDelete(WebhookEndpoint, { id });
      await this.emit(em, webhookEndpoint, 'webhook_endpoint.deleted', { title: webhookEndpoint.url });
    });
    return input.id;
  }

  async restore(request: RequestContext, input: { id: string }): Promise<WebhookEndpoint> {
    await this.requireManage(request);
    const { id } = validateInput(idInput, input, WebhookEndpointErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(WebhookEndpoint).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw webhookEndpointNotFound();
      const webhookEndpoint = await em.findOneByOrFail(WebhookEndpoint, { id });
      await this.emit(em, webhookEndpoint, 'webhook_endpoint.restored', {});
      return webhookEndpoint;
    });
  }

  /** The endpoint of a global id for a manager (ping), or WEBHOOK_ENDPOINT_NOT_FOUND. */
  idOf(input: { id: string }): string {
    return validateInput(idInput, input, WebhookEndpointErrorCode.InvalidInput).id;
  }

  private checkEventTypes(types: readonly string[]): void {
    const unknown = types.findIndex((type) => !this.catalog.isKnownPattern(type));
    if (unknown >= 0) throw unknownEventType(types[unknown]!, unknown);
  }

  private async checkUrl(raw: string): Promise<void> {
    try {
      await checkWebhookUrl(raw, this.urlPolicy);
    } catch (error) {
      if (error instanceof WebhookUrlRefused) throw webhookUrlRefused(error.reason);
      throw error;
    }
  }

  private emit(em: EntityManager, webhookEndpoint: WebhookEndpoint, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: webhookEndpoint.orgId, subject: { type: 'WebhookEndpoint', id: webhookEndpoint.id }, data });
  }

  private query(em: EntityManager, filter: WebhookEndpointFilter | null | undefined) {
    const query = em.createQueryBuilder(WebhookEndpoint, 'webhookEndpoint');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
