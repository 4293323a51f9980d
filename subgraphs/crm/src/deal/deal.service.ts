import {
  AggregateAccess,
  filterToSql,
  fitsCurrency,
  fromGlobalId,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginate,
  paginateGroups,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  tagFilterField,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type OrderField,
  type RequestContext,
  type SnapshotOf,
  type AnalyticsSource,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import type { ContactService } from '../contact/contact.service.js';
import { Pipeline, PipelineStage, PipelineType } from '../pipeline/pipeline.entities.js';
import { Deal } from './deal.entity.js';
import {
  DealErrorCode,
  dealNotFound,
  dealPipelineNotFound,
  dealStageNotFound,
  invalidDate,
  lostReasonNeedsLostStage,
  lostReasonNotLost,
  negativeValue,
  ownerNotMember,
  stageNotInPipeline,
  valueNotOfCurrency,
} from './deal.errors.js';
import type { DealCreateInput, DealFilter, DealMoveInput, DealsArgs, DealUpdateInput } from './deal.inputs.js';
import { crmErrorTexts } from '../messages.js';

const title = z.string().trim().min(1, zodMessage(crmErrorTexts.titleRequired)).max(500, zodMessage(crmErrorTexts.titleTooLong));
const probability = z.number().int().min(0, zodMessage(crmErrorTexts.probabilityRange)).max(100, zodMessage(crmErrorTexts.probabilityRange));
const metadata = z.record(z.string(), z.unknown()).refine((value) => JSON.stringify(value).length <= 16_384, zodMessage(crmErrorTexts.customDataTooLarge));
const lostReason = z.string().trim().min(1).max(200, zodMessage(crmErrorTexts.lostReasonTooLong));
const createInput = z
  .object({
    contactId: globalIdOf('Contact'),
    title,
    pipelineId: globalIdOf('Pipeline').nullish(),
    stageId: globalIdOf('PipelineStage').nullish(),
    value: z.string().nullish(),
    currencyCode: z.string().nullish(),
    probability: probability.nullish(),
    expectedCloseDate: z.string().nullish(),
    ownerId: globalIdOf('User').nullish(),
    metadata: metadata.nullish(),
  })
  .refine((v) => v.pipelineId || v.stageId, { message: zodMessage(crmErrorTexts.dealStartRequired), path: ['stageId'] });
const updateInput = z.object({
  id: globalIdOf('Deal'),
  title: title.nullish(),
  contactId: globalIdOf('Contact').nullish(),
  value: z.string().nullish(),
  currencyCode: z.string().nullish(),
  probability: probability.nullish(),
  expectedCloseDate: z.string().nullish(),
  ownerId: globalIdOf('User').nullish(),
  lostReason: lostReason.nullish(),
  metadata: metadata.nullish(),
});
const moveInput = z.object({
  id: globalIdOf('Deal'),
  stageId: globalIdOf('PipelineStage'),
  probability: probability.nullish(),
  lostReason: lostReason.nullish(),
  closeDate: z.string().nullish(),
});

/** The deal status of a stage: open, won or lost. */
export const STATUS_SQL = `(CASE WHEN stage.closed THEN (CASE WHEN stage.won THEN 'won' ELSE 'lost' END) ELSE 'open' END)`;

const filterSpec: FilterSpec = {
  id: { path: 'deal.id', kind: 'id', idType: 'Deal' },
  tags: tagFilterField('crm', 'deal.id'),
  title: { path: 'deal.title', kind: 'string' },
  status: { path: STATUS_SQL, kind: 'enum' },
  pipeline: { path: 'deal.pipelineId', kind: 'id', idType: 'Pipeline' },
  stage: { path: 'deal.stageId', kind: 'id', idType: 'PipelineStage' },
  contact: { path: 'deal.contactId', kind: 'id', idType: 'Contact' },
  owner: { path: 'deal.ownerId', kind: 'id', idType: 'User' },
  currencyCode: { path: 'deal.currency', kind: 'string' },
  value: { path: 'deal.amount', kind: 'decimal' },
  probability: { path: 'deal.probability', kind: 'int' },
  expectedCloseDate: { path: 'deal.expectedCloseDate', kind: 'date' },
  actualCloseDate: { path: 'deal.actualCloseDate', kind: 'date' },
  createdAt: { path: 'deal.createdAt', kind: 'datetime' },
  updatedAt: { path: 'deal.updatedAt', kind: 'datetime' },
};
const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'deal.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'deal.updatedAt', sqlType: 'timestamptz' },
  value: { path: 'deal.amount', sqlType: 'numeric' },
  probability: { path: 'deal.probability', sqlType: 'int' },
  expectedCloseDate: { path: 'deal.expectedCloseDate', sqlType: 'date' },
  title: { path: 'deal.title', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'deal.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** Fields whose changes events report (before and after). */
const TRACKED = TrackedFields.of(Deal, [
  'title',
  'contactId',
  'amount',
  'currency',
  'probability',
  'probabilityOverridden',
  'expectedCloseDate',
  'ownerId',
  'lostReason',
  'metadata',
]);
type Snapshot = SnapshotOf<typeof TRACKED>;

const today = () => new Date().toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The amount and currency of an input, checked: the currency's minor units at most, 15 integer digits. */
function money(
  value: string | null | undefined,
  currency: string | null | undefined,
  fallback: { amount: string; currency: string },
): { amount: string; currency: string } {
  const amount = value ?? fallback.amount;
  const code = currency ?? fallback.currency;
  if (amount.startsWith('-')) throw negativeValue();
  if (!fitsCurrency(amount, code)) throw valueNotOfCurrency(code);
  return { amount, currency: code };
}

/**
 * Deals of the caller's organization: stages and probabilities, closing, exact money, owners,
 * permission checks and events. Every deal event carries `contactId` (for the contact's timeline).
 */
export class DealService {
  /** Deals by id, which the caller reads, the loader behind fields and references, the guard of mutations. */
  readonly access: AggregateAccess<Deal>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly contacts: ContactService,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Deal', entity: Deal, table: 'crm.deals', notFound: dealNotFound });
  }

  async list(request: RequestContext, args: DealsArgs, scope?: (query: SelectQueryBuilder<Deal>) => void): Promise<Connection<Deal>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = this.query(em, args.filter, readable);
        scope?.(query);
        return query;
      },
      sort: this.sort(args),
      args,
    });
  }

  /** One page of deals per group (stage, contact, owner), in a constant number of statements. */
  async listGrouped(request: RequestContext, groupPath: string, groups: readonly string[], args: DealsArgs): Promise<Connection<Deal>[]> {
    const readable = await this.access.readableIds(request);
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Deal,
        build: (em) => this.query(em, args.filter, readable),
        alias: 'deal',
        groupPath,
        idProperty: 'id',
        sort: this.sort(args),
        args,
      },
      groups,
    );
  }

  async create(request: RequestContext, input: DealCreateInput): Promise<Deal> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'Deal');
    const valid = validateInput(createInput, input, DealErrorCode.InvalidInput);
    const { amount, currency } = money(valid.value, valid.currencyCode, { amount: '0', currency: 'USD' });
    const expectedCloseDate = this.date(valid.expectedCloseDate, 'expectedCloseDate');
    await this.contacts.access.requireExisting(request, 'read', valid.contactId, ['input', 'contactId']);
    const ownerId = valid.ownerId ?? actorId;
    await this.requireMember(orgId, ownerId);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'dealCreate',
        input: valid,
        load: (id) => em.findOneBy(Deal, { id }),
        create: async () => {
          const stage = await this.startStage(em, valid.stageId ?? null, valid.pipelineId ?? null);
          const deal = em.create(Deal, {
            id: uuidv7(),
            orgId,
            contactId: valid.contactId,
            pipelineId: stage.pipelineId,
            stageId: stage.id,
            title: valid.title,
            amount,
            currency,
            probability: valid.probability ?? stage.probability,
            probabilityOverridden: valid.probability !== undefined && valid.probability !== null,
            expectedCloseDate,
            actualCloseDate: stage.closed ? today() : null,
            lostReason: null,
            ownerId,
            metadata: valid.metadata ?? {},
            createdBy: actorId,
          });
          await em.save(deal);
          const saved = await em.findOneByOrFail(Deal, { id: deal.id });
          await this.emit(em, saved, 'deal.created', { after: TRACKED.snapshot(saved), stageId: stage.id, pipelineId: stage.pipelineId });
          return saved;
        },
      }),
    );
  }

  async update(request: RequestContext, input: DealUpdateInput): Promise<Deal> {
    const orgId = requireOrgId(request);
    const valid = validateInput(updateInput, input, DealErrorCode.InvalidInput);
    await this.access.requireExisting(request, 'write', valid.id);
    if (valid.contactId) await this.contacts.access.requireExisting(request, 'read', valid.contactId, ['input', 'contactId']);
    if (valid.ownerId) await this.requireMember(orgId, valid.ownerId);
    return this.db.transaction(request, async (em) => {
      const deal = await em.findOne(Deal, { where: { id: valid.id }, lock: { mode: 'pessimistic_write' } });
      if (!deal) throw dealNotFound();
      const stage = await em.findOneByOrFail(PipelineStage, { id: deal.stageId });
      const before = TRACKED.snapshot(deal);
      if (valid.title) deal.title = valid.title;
      if (valid.contactId) deal.contactId = valid.contactId;
      if (valid.value !== undefined || valid.currencyCode !== undefined) {
        Object.assign(deal, money(valid.value ?? undefined, valid.currencyCode ?? undefined, deal));
      }
      if (valid.probability !== undefined) {
        deal.probability = valid.probability ?? stage.probability;
        deal.probabilityOverridden = valid.probability !== null;
      }
      if (valid.expectedCloseDate !== undefined) deal.expectedCloseDate = this.date(valid.expectedCloseDate, 'expectedCloseDate');
      if (valid.ownerId !== undefined) deal.ownerId = valid.ownerId;
      if (valid.metadata !== undefined) deal.metadata = valid.metadata ?? {};
      if (valid.lostReason !== undefined) {
        if (valid.lostReason !== null && !(stage.closed && !stage.won)) throw lostReasonNotLost();
        deal.lostReason = valid.lostReason;
      }
      const saved = await em.save(deal);
      await this.emitChange(em, before, saved);
      return saved;
    });
  }

  /**
   * Moves a deal to a stage. Its probability becomes the stage's (or the given one); entering a
   * closed stage sets the actual close date (and, when lost, the reason); reopening clears both.
   */
  async move(request: RequestContext, input: DealMoveInput): Promise<Deal> {
    const valid = validateInput(moveInput, input, DealErrorCode.InvalidInput);
    await this.access.requireExisting(request, 'write', valid.id);
    return this.db.transaction(request, async (em) => {
      const deal = await em.findOne(Deal, { where: { id: valid.id }, lock: { mode: 'pessimistic_write' } });
      if (!deal) throw dealNotFound();
      const from = await em.findOneByOrFail(PipelineStage, { id: deal.stageId });
      const to = await this.dealStage(em, valid.stageId);
      const lost = to.closed && !to.won;
      if (valid.lostReason && !lost) throw lostReasonNeedsLostStage();
      const before = { stageId: deal.stageId, pipelineId: deal.pipelineId, probability: deal.probability, actualCloseDate: deal.actualCloseDate };
      deal.stageId = to.id;
      deal.pipelineId = to.pipelineId;
      deal.probability = valid.probability ?? to.probability;
      deal.probabilityOverridden = valid.probability !== undefined && valid.probability !== null;
      if (to.closed && !from.closed) deal.actualCloseDate = this.date(valid.closeDate, 'closeDate') ?? today();
      else if (to.closed && valid.closeDate) deal.actualCloseDate = this.date(valid.closeDate, 'closeDate');
      else if (!to.closed) deal.actualCloseDate = null;
      deal.lostReason = lost ? (valid.lostReason ?? deal.lostReason) : null;
      const saved = await em.save(deal);
      const after = { stageId: saved.stageId, pipelineId: saved.pipelineId, probability: saved.probability, actualCloseDate: saved.actualCloseDate };
      await this.emit(em, saved, 'deal.moved', { before, after });
      if (to.closed && (!from.closed || from.won !== to.won))
        await this.emit(em, saved, to.won ? 'deal.won' : 'deal.lost', { lostReason: saved.lostReason, actualCloseDate: saved.actualCloseDate });
      if (from.closed && !to.closed) await this.emit(em, saved, 'deal.reopened', {});
      return saved;
    });
  }

  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Deal', idInput);
    await this.access.requireExisting(request, 'write', id);
    await this.db.transaction(request, async (em) => {
      const deal = await em.findOneBy(Deal, { id });
      if (!deal) throw dealNotFound();
      await em.softDelete(Deal, { id });
      await this.emit(em, deal, 'deal.deleted', {});
    });
    return idInput;
  }

  async restore(request: RequestContext, idInput: string): Promise<Deal> {
    const id = fromGlobalId('Deal', idInput);
    await this.access.requireExisting(request, 'write', id);
    return this.db.transaction(request, async (em) => {
      const result = await em.createQueryBuilder().restore().from(Deal).where('id = :id AND deleted_at IS NOT NULL', { id }).execute();
      if (!result.affected) throw dealNotFound();
      const deal = await em.findOneByOrFail(Deal, { id });
      await this.emit(em, deal, 'deal.restored', {});
      return deal;
    });
  }

  /** Per stage and currency: number of readable deals and their total value (exact, by Postgres). */
  async stageTotals(request: RequestContext, stageIds: readonly string[]): Promise<{ stage_id: string; currency: string; deals: number; total: string }[]> {
    const readable = await this.access.readableIds(request);
    return this.db.transaction(request, (em) => {
      const query = em
        .createQueryBuilder(Deal, 'deal')
        .select('deal.stageId', 'stage_id')
        .addSelect('deal.currency', 'currency')
        .addSelect('count(*)::int', 'deals')
        .addSelect('sum(deal.amount)::text', 'total')
        .where('deal.stageId IN (:...stageIds)', { stageIds: [...stageIds] })
        .groupBy('deal.stageId')
        .addGroupBy('deal.currency')
        .orderBy('deal.currency');
      return this.access.restrictToReadable(query, 'deal', readable).getRawMany();
    });
  }

  /** The stage a new deal starts in: the given one, else the first of the given pipeline. */
  private async startStage(em: EntityManager, stageId: string | null, pipelineId: string | null): Promise<PipelineStage> {
    if (stageId) {
      const stage = await this.dealStage(em, stageId);
      if (pipelineId && stage.pipelineId !== pipelineId) throw stageNotInPipeline();
      return stage;
    }
    const pipeline = await em.findOneBy(Pipeline, { id: pipelineId!, type: PipelineType.DEAL });
    if (!pipeline) throw dealPipelineNotFound();
    const [first] = await em.find(PipelineStage, { where: { pipelineId: pipeline.id }, order: { position: 'ASC' }, take: 1 });
    return first!;
  }

  /** A stage of a live DEAL pipeline. */
  private async dealStage(em: EntityManager, stageId: string): Promise<PipelineStage> {
    const stage = await em
      .createQueryBuilder(PipelineStage, 'stage')
      .innerJoin(Pipeline, 'pipeline', 'pipeline.id = stage.pipelineId AND pipeline.deletedAt IS NULL')
      .where('stage.id = :stageId AND pipeline.type = :type', { stageId, type: PipelineType.DEAL })
      .getOne();
    if (!stage) throw dealStageNotFound();
    return stage;
  }

  private date(value: string | null | undefined, field: string): string | null {
    if (!value) return null;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw invalidDate(field);
    return value;
  }

  private async requireMember(orgId: string, userId: string): Promise<void> {
    if (!(await this.authz.isMember(orgId, userId))) throw ownerNotMember();
  }

  private async emitChange(em: EntityManager, before: Snapshot, deal: Deal): Promise<void> {
    const after = TRACKED.snapshot(deal);
    const change = TRACKED.change(before, after);
    if (!change) return;
    await this.emit(em, deal, 'deal.updated', change);
    if (change.fields.includes('ownerId'))
      await this.emit(em, deal, 'deal.assigned', { before: { ownerId: before.ownerId }, after: { ownerId: after.ownerId } });
  }

  private emit(em: EntityManager, deal: Deal, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, {
      type,
      orgId: deal.orgId,
      subject: { type: 'Deal', id: deal.id },
      data: { contactId: deal.contactId, title: deal.title, ...data },
    });
  }

  /** The rows `deals(filter:)` lists for the caller, for `dealAnalytics`. */
  async analyticsSource(request: RequestContext, filter: DealFilter | null): Promise<AnalyticsSource> {
    const readable = await this.access.readableIds(request);
    return { db: this.db, query: (em) => this.query(em, filter, readable) };
  }

  private query(em: EntityManager, filter: DealFilter | null | undefined, readable: string[] | null) {
    const query = this.access.restrictToReadable(
      em.createQueryBuilder(Deal, 'deal').innerJoin(PipelineStage, 'stage', 'stage.id = deal.stageId'),
      'deal',
      readable,
    );
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }

  private sort(args: DealsArgs) {
    return sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder);
  }
}
