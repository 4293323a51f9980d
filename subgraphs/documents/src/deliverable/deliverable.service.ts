import {
  filterToSql,
  globalIdOf,
  idempotent,
  OrderDirection,
  paginateGroups,
  readableById,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  TrackedFields,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type LoaderRegistry,
  type OrderField,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DocumentErrorCode } from '../document/document.errors.js';
import { Document } from '../document/document.entity.js';
import type { DocumentService } from '../document/document.service.js';
import { SIGNED_CONTRACT_SQL, signedContractDate } from './contract.js';
import { Deliverable, DeliverableFrequency } from './deliverable.entity.js';
import {
  deliverableNotFound,
  dueBeforeStart,
  MAX_PLAN_YEARS,
  notSignedContract,
  planTooLong,
  ownerNotMember,
  progressAboveQuantity,
} from './deliverable.errors.js';
import type { DeliverableCreateInput, DeliverableProgressRecordInput, DeliverablesArgs, DeliverableUpdateInput } from './deliverable.inputs.js';
import { expectedProgress, todayUtc, type PacePlan } from './pace.js';
import { documentErrorTexts } from '../messages.js';

/** The daily pace check (a schedule of the subgraph). */
export const DELIVERABLE_PACE_JOB = 'deliverable.pace_check';

const fields = {
  title: z.string().trim().min(1, zodMessage(documentErrorTexts.titleRequired)).max(200, zodMessage(documentErrorTexts.titleTooLong200)),
  quantity: z.number().int().min(1, zodMessage(documentErrorTexts.quantityMin)).max(100_000, zodMessage(documentErrorTexts.quantityMax)),
  frequency: z.enum(DeliverableFrequency),
  platform: z.string().trim().max(100, zodMessage(documentErrorTexts.platformTooLong)).nullish(),
  startDate: z.string().nullish(),
  dueDate: z.string(),
  ownerId: globalIdOf('User').nullish(),
};
const createInput = z.object({ ...fields, documentId: globalIdOf('Document') });
const updateInput = z.object({
  id: globalIdOf('Deliverable'),
  title: fields.title.nullish(),
  quantity: fields.quantity.nullish(),
  frequency: fields.frequency.nullish(),
  platform: fields.platform,
  startDate: fields.startDate,
  dueDate: fields.dueDate.nullish(),
  ownerId: fields.ownerId,
});
const progressInput = z.object({ id: globalIdOf('Deliverable'), progress: z.number().int().min(0, zodMessage(documentErrorTexts.progressNegative)) });
const idInput = z.object({ id: globalIdOf('Deliverable') });

/** What `deliverable.updated` reports. */
const TRACKED = TrackedFields.of(Deliverable, ['title', 'quantity', 'frequency', 'platform', 'startDate', 'dueDate', 'ownerId']);

const filterSpec: FilterSpec = {
  id: { path: 'deliverable.id', kind: 'id', idType: 'Deliverable' },
  title: { path: 'deliverable.title', kind: 'string' },
  frequency: { path: 'deliverable.frequency', kind: 'enum' },
  platform: { path: 'deliverable.platform', kind: 'string' },
  onTrack: { path: 'deliverable.onTrack', kind: 'boolean' },
  dueDate: { path: 'deliverable.dueDate', kind: 'date' },
  owner: { path: 'deliverable.ownerId', kind: 'id', idType: 'User' },
  createdAt: { path: 'deliverable.createdAt', kind: 'datetime' },
};
const orderFields: Record<string, OrderField> = {
  dueDate: { path: 'deliverable.dueDate', sqlType: 'date' },
  createdAt: { path: 'deliverable.createdAt', sqlType: 'timestamptz' },
  title: { path: 'deliverable.title', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'deliverable.id', sqlType: 'uuid' };
const soonestFirst = [{ field: 'dueDate', direction: OrderDirection.ASC }];

const planOf = (deliverable: Deliverable): PacePlan => deliverable;

/**
 * Deliverables of signed contracts. Whoever reads a contract reads its deliverables; whoever may
 * change it records them and their progress, only while it is a signed CONTRACT or SOW. Whether a
 * deliverable keeps pace (`onTrack`) is decided at each change and by the daily check, which emits
 * `deliverable.behind_pace` (the owner is notified) and `deliverable.back_on_track` once per change of it.
 */
export class DeliverableService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly documents: DocumentService,
  ) {}

  /**
   * The request's loader of deliverables by id: null when one does not exist for the caller (or its
   * document is in the trash), a FORBIDDEN error at the field when its document is unreadable.
   */
  loader(loaders: LoaderRegistry, request: RequestContext) {
    return readableById<Deliverable>(
      loaders,
      'aggregate:Deliverable',
      (ids) =>
        this.db.transaction(request, (em) =>
          em
            .createQueryBuilder(Deliverable, 'deliverable')
            .innerJoin(Document, 'document', 'document.id = deliverable.documentId AND document.deletedAt IS NULL')
            .where('deliverable.id IN (:...ids)', { ids: [...ids] })
            .getMany(),
        ),
      (rows) =>
        this.authz.allowed(
          request,
          'read',
          'Document',
          rows.map((row) => row.documentId),
        ),
      'deliverable',
    );
  }

  async create(request: RequestContext, input: DeliverableCreateInput): Promise<Deliverable> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    const valid = validateInput(createInput, input, DocumentErrorCode.InvalidInput);
    await this.documents.access.requireExisting(request, 'write', valid.documentId, ['input', 'documentId']);
    const ownerId = await this.ownerOf(orgId, valid.ownerId ?? actorId);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'deliverableCreate',
        input: valid,
        load: (id) => em.findOneBy(Deliverable, { id }),
        create: async () => {
          const signedOn = await signedContractDate(em, valid.documentId);
          if (!signedOn) throw notSignedContract();
          const deliverable = em.create(Deliverable, {
            id: uuidv7(),
            orgId,
            documentId: valid.documentId,
            title: valid.title,
            quantity: valid.quantity,
            frequency: valid.frequency,
            platform: valid.platform || null,
            startDate: valid.startDate ?? signedOn,
            dueDate: valid.dueDate,
            progress: 0,
            onTrack: true,
            ownerId,
            createdBy: actorId,
          });
          checkPlan(deliverable);
          deliverable.onTrack = isKeepingPace(deliverable);
          const saved = await em.save(deliverable);
          await this.emit(em, saved, 'deliverable.created', { after: TRACKED.snapshot(saved) });
          // Recorded already late (a start in the past): its owner hears of it now, not from the daily check.
          await this.emitPaceChange(em, saved, true);
          return saved;
        },
      }),
    );
  }

  async update(request: RequestContext, input: DeliverableUpdateInput): Promise<Deliverable> {
    const { id, ...changes } = validateInput(updateInput, input, DocumentErrorCode.InvalidInput);
    const ownerId = changes.ownerId ? await this.ownerOf(requireOrgId(request), changes.ownerId) : undefined;
    return this.db.transaction(request, async (em) => {
      const deliverable = await this.loadForUpdate(em, request, id);
      const before = TRACKED.snapshot(deliverable);
      const wasOnTrack = deliverable.onTrack;
      for (const [key, value] of Object.entries({ ...changes, ownerId })) {
        if (value === undefined || (value === null && key !== 'platform')) continue;
        Object.assign(deliverable, { [key]: key === 'platform' ? value || null : value });
      }
      checkPlan(deliverable);
      if (deliverable.progress > deliverable.quantity) throw progressAboveQuantity(['input', 'quantity']);
      deliverable.onTrack = isKeepingPace(deliverable);
      const saved = await em.save(deliverable);
      const change = TRACKED.change(before, TRACKED.snapshot(saved));
      if (change) await this.emit(em, saved, 'deliverable.updated', change);
      await this.emitPaceChange(em, saved, wasOnTrack);
      return saved;
    });
  }

  async recordProgress(request: RequestContext, input: DeliverableProgressRecordInput): Promise<Deliverable> {
    const { id, progress } = validateInput(progressInput, input, DocumentErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const deliverable = await this.loadForUpdate(em, request, id);
      if (progress > deliverable.quantity) throw progressAboveQuantity(['input', 'progress']);
      const before = deliverable.progress;
      const wasOnTrack = deliverable.onTrack;
      deliverable.progress = progress;
      deliverable.onTrack = isKeepingPace(deliverable);
      const saved = await em.save(deliverable);
      if (before !== progress) await this.emit(em, saved, 'deliverable.progress_recorded', { before, after: progress, quantity: saved.quantity });
      await this.emitPaceChange(em, saved, wasOnTrack);
      return saved;
    });
  }

  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, DocumentErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const deliverable = await this.loadForUpdate(em, request, id);
      await em.delete(Deliverable, { id });
      await this.emit(em, deliverable, 'deliverable.deleted', { title: deliverable.title });
    });
    return input.id;
  }

  /** One page of deliverables per document (soonest due first), in a constant number of statements. */
  listGrouped(request: RequestContext, documentIds: readonly string[], args: DeliverablesArgs): Promise<Connection<Deliverable>[]> {
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: Deliverable,
        build: (em) => {
          const query = em.createQueryBuilder(Deliverable, 'deliverable');
          const condition = filterToSql(args.filter as Record<string, unknown> | null | undefined, filterSpec);
          if (condition) query.andWhere(condition.sql, condition.params);
          return query;
        },
        alias: 'deliverable',
        groupPath: 'deliverable.documentId',
        idProperty: 'id',
        sort: sortKeysFor(args.orderBy, orderFields, soonestFirst, idOrder),
        args,
      },
      documentIds,
    );
  }

  /**
   * The daily pace check of every organization's deliverables (`today`: a UTC date, default now).
   * Marks those whose progress fell behind pace `onTrack: false` and those that caught up true,
   * with one event per change: running it again the same day changes and emits nothing.
   */
  async checkPace(today: string = todayUtc()): Promise<number> {
    // The maintenance role sees which organizations have deliverables, nothing else of them.
    const organizations: { org_id: string }[] = await this.db.maintenanceTransaction((em) =>
      em.query('SELECT DISTINCT org_id FROM documents.deliverables WHERE progress < quantity OR NOT on_track'),
    );
    let changed = 0;
    for (const { org_id: orgId } of organizations) {
      changed += await this.db.transaction({ orgId, userId: null }, async (em) => {
        const deliverables = await em
          .createQueryBuilder(Deliverable, 'deliverable')
          .innerJoin(Document, 'document', `document.id = deliverable.document_id AND ${SIGNED_CONTRACT_SQL}`)
          .setLock('pessimistic_write', undefined, ['deliverable'])
          .getMany();
        let count = 0;
        for (const deliverable of deliverables) {
          const onTrack = isKeepingPace(deliverable, today);
          if (onTrack === deliverable.onTrack) continue;
          await em.update(Deliverable, { id: deliverable.id }, { onTrack });
          await this.emitPaceChange(em, Object.assign(deliverable, { onTrack }), !onTrack, today, null);
          count++;
        }
        return count;
      });
    }
    return changed;
  }

  /** A deliverable for a change: NOT_FOUND unless it exists and its document may be changed by the caller, locked; only on a signed contract. */
  private async loadForUpdate(em: EntityManager, request: RequestContext, id: string): Promise<Deliverable> {
    const deliverable = await em.findOne(Deliverable, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!deliverable) throw deliverableNotFound();
    const notFound = () => deliverableNotFound();
    // Its document in the trash hides it.
    if (!(await this.documents.access.byIds(request, [deliverable.documentId], em)).length) throw notFound();
    await this.authz.requireExisting(request, 'write', 'Document', deliverable.documentId, notFound);
    if (!(await signedContractDate(em, deliverable.documentId))) throw notSignedContract(['input', 'id']);
    return deliverable;
  }

  private async ownerOf(orgId: string, userId: string): Promise<string> {
    if (!(await this.authz.isMember(orgId, userId))) throw ownerNotMember();
    return userId;
  }

  /** `deliverable.behind_pace` or `deliverable.back_on_track` when `onTrack` changed. */
  private async emitPaceChange(em: EntityManager, deliverable: Deliverable, wasOnTrack: boolean, today = todayUtc(), actorId?: null): Promise<void> {
    if (deliverable.onTrack === wasOnTrack) return;
    const data = {
      title: deliverable.title,
      ownerId: deliverable.ownerId,
      progress: deliverable.progress,
      expectedProgress: expectedProgress(planOf(deliverable), today),
      quantity: deliverable.quantity,
      dueDate: deliverable.dueDate,
    };
    await this.emit(em, deliverable, deliverable.onTrack ? 'deliverable.back_on_track' : 'deliverable.behind_pace', data, actorId);
  }

  private emit(em: EntityManager, deliverable: Deliverable, type: string, data: Record<string, unknown>, actorId?: null): Promise<void> {
    return this.db.emit(em, {
      type,
      orgId: deliverable.orgId,
      ...(actorId === null ? { actorId } : {}),
      subject: { type: 'Deliverable', id: deliverable.id },
      data: { documentId: deliverable.documentId, ...data },
    });
  }
}

/** On track today (or `today`): at least the expected progress done. */
function isKeepingPace(deliverable: Deliverable, today = todayUtc()): boolean {
  return deliverable.progress >= expectedProgress(planOf(deliverable), today);
}

/** The dates make a plan: the due date not before the start, at most ten years after it. */
function checkPlan(deliverable: Deliverable): void {
  const start = Date.parse(deliverable.startDate);
  const due = Date.parse(deliverable.dueDate);
  if (due < start) throw dueBeforeStart();
  if (new Date(due).getUTCFullYear() - new Date(start).getUTCFullYear() > MAX_PLAN_YEARS) throw planTooLong();
}
