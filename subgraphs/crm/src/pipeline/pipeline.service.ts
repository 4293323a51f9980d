import {
  AggregateAccess,
  alignToKeys,
  fromGlobalId,
  keyBetween,
  OrderDirection,
  paginate,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type ConnectionArgs,
  type Database,
  type RequestContext,
  type SortKey,
  zodMessage,
} from '@cellgraph/kernel';
import { In, Not, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { Pipeline, PipelineStage, PipelineType } from './pipeline.entities.js';
import { lastStage, PipelineErrorCode, pipelineNotEmpty, pipelineNotFound, stageHoldsDeals, stageNotEmpty, stageNotFound } from './pipeline.errors.js';
import { crmErrorTexts } from '../messages.js';

const stageFields = {
  name: z.string().trim().min(1, zodMessage(crmErrorTexts.nameRequired)).max(100),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, zodMessage(crmErrorTexts.colourFormat))
    .nullish(),
  probability: z.number().int().min(0, zodMessage(crmErrorTexts.probabilityRange)).max(100, zodMessage(crmErrorTexts.probabilityRange)),
  closed: z.boolean().optional(),
  won: z.boolean().optional(),
};
const stageInput = z.object(stageFields);
const pipelineInput = z.object({
  name: z.string().trim().min(1, zodMessage(crmErrorTexts.nameRequired)).max(200),
  type: z.enum(PipelineType).default(PipelineType.DEAL),
  stages: z.array(stageInput).min(1, zodMessage(crmErrorTexts.pipelineNeedsStage)).max(50).optional(),
});
type StageInput = z.output<typeof stageInput>;

/** Stages a new pipeline starts with when none are given. */
const DEFAULT_STAGES: Record<PipelineType, StageInput[]> = {
  [PipelineType.DEAL]: [
    { name: 'Qualified', probability: 20 },
    { name: 'Proposal', probability: 40 },
    { name: 'Negotiation', probability: 70 },
    { name: 'Closed won', probability: 100, closed: true, won: true },
    { name: 'Closed lost', probability: 0, closed: true },
  ],
  [PipelineType.LEAD]: [
    { name: 'New', probability: 10 },
    { name: 'Contacted', probability: 20 },
    { name: 'Qualified', probability: 50 },
    { name: 'Disqualified', probability: 0, closed: true },
  ],
  [PipelineType.ONBOARDING]: [
    { name: 'Kick-off', probability: 100 },
    { name: 'Set-up', probability: 100 },
    { name: 'Live', probability: 100, closed: true, won: true },
  ],
};

const oldestFirst: SortKey[] = [
  { name: 'createdAt', path: 'pipeline.createdAt', sqlType: 'timestamptz', direction: OrderDirection.ASC },
  { name: 'id', path: 'pipeline.id', sqlType: 'uuid', direction: OrderDirection.ASC },
];

/** Closed stages are won or lost; a won stage is closed. */
const stageFlags = (stage: { closed?: boolean | null; won?: boolean | null }) => ({ closed: Boolean(stage.closed || stage.won), won: Boolean(stage.won) });

/**
 * Pipelines and their stages. Everyone who reads deals reads pipelines; owners and admins
 * configure them (`manage` on Pipeline).
 */
export class PipelineService {
  /** Pipelines by id as the caller's organization sees them (readable per type: see `byIds`). */
  readonly access: AggregateAccess<Pipeline>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'Pipeline', entity: Pipeline, table: 'crm.pipelines', notFound: pipelineNotFound });
  }

  async list(request: RequestContext, args: ConnectionArgs & { type?: PipelineType | null }): Promise<Connection<Pipeline>> {
    requireOrgId(request);
    await this.authz.require(request, 'read', 'Pipeline');
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(Pipeline, 'pipeline');
        if (args.type) query.andWhere('pipeline.type = :type', { type: args.type });
        return query;
      },
      sort: oldestFirst,
      args,
    });
  }

  async create(request: RequestContext, input: z.input<typeof pipelineInput>): Promise<Pipeline> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    await this.authz.require(request, 'manage', 'Pipeline');
    const valid = validateInput(pipelineInput, input, PipelineErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const pipeline = await em.save(em.create(Pipeline, { id: uuidv7(), orgId, name: valid.name, type: valid.type, createdBy }));
      let position: string | null = null;
      for (const stage of valid.stages ?? DEFAULT_STAGES[valid.type]) {
        position = keyBetween(position, null);
        await em.insert(PipelineStage, {
          id: uuidv7(),
          orgId,
          pipelineId: pipeline.id,
          position,
          name: stage.name,
          color: stage.color ?? null,
          probability: stage.probability,
          ...stageFlags(stage),
        });
      }
      await this.emit(em, pipeline, 'pipeline.created', { name: pipeline.name, type: pipeline.type });
      return pipeline;
    });
  }

  async update(request: RequestContext, input: { id: string; name?: string | null }): Promise<Pipeline> {
    const id = fromGlobalId('Pipeline', input.id);
    await this.authz.require(request, 'manage', 'Pipeline');
    const { name } = validateInput(pipelineInput.pick({ name: true }).partial(), { name: input.name ?? undefined }, PipelineErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const pipeline = await em.findOneBy(Pipeline, { id });
      if (!pipeline) throw pipelineNotFound();
      const before = pipeline.name;
      if (name) pipeline.name = name;
      const saved = await em.save(pipeline);
      await this.emit(em, pipeline, 'pipeline.updated', { before: { name: before }, after: { name: saved.name } });
      return saved;
    });
  }

  /** Moves an empty pipeline (no deals, no contacts in its stages) to the trash. */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Pipeline', idInput);
    await this.authz.require(request, 'manage', 'Pipeline');
    await this.db.transaction(request, async (em) => {
      const pipeline = await em.findOneBy(Pipeline, { id });
      if (!pipeline) throw pipelineNotFound();
      const stages = await em.findBy(PipelineStage, { pipelineId: id });
      if (
        await this.inUse(
          em,
          stages.map((s) => s.id),
        )
      )
        throw pipelineNotEmpty();
      await em.softDelete(Pipeline, { id });
      await this.emit(em, pipeline, 'pipeline.deleted', { title: pipeline.name });
    });
    return idInput;
  }

  /** Brings a pipeline back from the trash, with its stages. */
  async restore(request: RequestContext, idInput: string): Promise<Pipeline> {
    const id = fromGlobalId('Pipeline', idInput);
    await this.authz.require(request, 'manage', 'Pipeline');
    return this.db.transaction(request, async (em) => {
      const restored = await em.createQueryBuilder().restore().from(Pipeline).where('id = :id AND deleted_at IS NOT NULL', { id }).execute();
      if (!restored.affected) throw pipelineNotFound();
      const pipeline = await em.findOneByOrFail(Pipeline, { id });
      await this.emit(em, pipeline, 'pipeline.restored', {});
      return pipeline;
    });
  }

  async addStage(request: RequestContext, input: { pipelineId: string; afterStageId?: string | null } & z.input<typeof stageInput>): Promise<PipelineStage> {
    const pipelineId = fromGlobalId('Pipeline', input.pipelineId, 'pipelineId');
    await this.authz.require(request, 'manage', 'Pipeline');
    const valid = validateInput(stageInput, input, PipelineErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const pipeline = await em.findOneBy(Pipeline, { id: pipelineId });
      if (!pipeline) throw pipelineNotFound(['input', 'pipelineId']);
      const [last] = await em.find(PipelineStage, { where: { pipelineId }, order: { position: 'DESC' }, take: 1 });
      const afterId = input.afterStageId ? fromGlobalId('PipelineStage', input.afterStageId, 'afterStageId') : (last?.id ?? null);
      const stage = em.create(PipelineStage, {
        id: uuidv7(),
        orgId: pipeline.orgId,
        pipelineId,
        position: await this.positionAfter(em, pipelineId, afterId),
        name: valid.name,
        color: valid.color ?? null,
        probability: valid.probability,
        ...stageFlags(valid),
      });
      await em.insert(PipelineStage, stage);
      await this.emit(em, pipeline, 'pipeline.stage_added', { stageId: stage.id, name: stage.name });
      return em.findOneByOrFail(PipelineStage, { id: stage.id });
    });
  }

  /**
   * Changes a stage. A new probability flows to the stage's deals that do not override it; the
   * closed and won flags of a stage holding deals cannot change (its deals would silently close).
   */
  async updateStage(
    request: RequestContext,
    input: { id: string; name?: string | null; color?: string | null; probability?: number | null; closed?: boolean | null; won?: boolean | null },
  ): Promise<PipelineStage> {
    const id = fromGlobalId('PipelineStage', input.id);
    await this.authz.require(request, 'manage', 'Pipeline');
    const changes = validateInput(
      stageInput.partial(),
      { ...input, name: input.name ?? undefined, probability: input.probability ?? undefined, closed: input.closed ?? undefined, won: input.won ?? undefined },
      PipelineErrorCode.InvalidInput,
    );
    return this.db.transaction(request, async (em) => {
      const stage = await em.findOne(PipelineStage, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!stage) throw stageNotFound();
      const flags = stageFlags({ closed: changes.closed ?? stage.closed, won: changes.won ?? (changes.closed === false ? false : stage.won) });
      if ((flags.closed !== stage.closed || flags.won !== stage.won) && (await this.inUse(em, [id]))) {
        throw stageHoldsDeals();
      }
      if (changes.name !== undefined) stage.name = changes.name;
      if (changes.color !== undefined) stage.color = changes.color ?? null;
      const probabilityChanged = changes.probability !== undefined && changes.probability !== stage.probability;
      if (changes.probability !== undefined) stage.probability = changes.probability;
      Object.assign(stage, flags);
      const saved = await em.save(stage);
      if (probabilityChanged) {
        await em.query('UPDATE crm.deals SET probability = $2, updated_at = now() WHERE stage_id = $1 AND NOT probability_overridden AND deleted_at IS NULL', [
          id,
          stage.probability,
        ]);
      }
      await this.emit(em, { id: stage.pipelineId, orgId: stage.orgId }, 'pipeline.stage_updated', { stageId: id, changes });
      return saved;
    });
  }

  /** Reorders a stage: right after `afterStageId`, or first. */
  async moveStage(request: RequestContext, input: { id: string; afterStageId?: string | null }): Promise<PipelineStage> {
    const id = fromGlobalId('PipelineStage', input.id);
    await this.authz.require(request, 'manage', 'Pipeline');
    return this.db.transaction(request, async (em) => {
      const stage = await em.findOneBy(PipelineStage, { id });
      if (!stage) throw stageNotFound();
      const afterId = input.afterStageId ? fromGlobalId('PipelineStage', input.afterStageId, 'afterStageId') : null;
      stage.position = await this.positionAfter(em, stage.pipelineId, afterId, id);
      const saved = await em.save(stage);
      await this.emit(em, { id: stage.pipelineId, orgId: stage.orgId }, 'pipeline.stage_moved', { stageId: id });
      return saved;
    });
  }

  /**
   * Deletes an empty stage (no live deals or contacts); a pipeline keeps at least one stage.
   * Deals in the trash move to the pipeline's first remaining stage, contacts in the trash lose it.
   */
  async deleteStage(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('PipelineStage', idInput);
    await this.authz.require(request, 'manage', 'Pipeline');
    await this.db.transaction(request, async (em) => {
      const stage = await em.findOneBy(PipelineStage, { id });
      if (!stage) throw stageNotFound();
      if (await this.inUse(em, [id])) throw stageNotEmpty();
      const [first] = await em.find(PipelineStage, { where: { pipelineId: stage.pipelineId, id: Not(id) }, order: { position: 'ASC' }, take: 1 });
      if (!first) throw lastStage();
      await em.query(
        `UPDATE crm.deals
            SET stage_id = $2, probability = CASE WHEN probability_overridden THEN probability ELSE $3 END,
                actual_close_date = CASE WHEN $4 THEN actual_close_date END, lost_reason = CASE WHEN $4 AND NOT $5 THEN lost_reason END
          WHERE stage_id = $1 AND deleted_at IS NOT NULL`,
        [id, first.id, first.probability, first.closed, first.won],
      );
      await em.query('UPDATE crm.contacts SET stage_id = NULL WHERE stage_id = $1 AND deleted_at IS NOT NULL', [id]);
      await em.delete(PipelineStage, { id });
      await this.emit(em, { id: stage.pipelineId, orgId: stage.orgId }, 'pipeline.stage_deleted', { stageId: id, name: stage.name });
    });
    return idInput;
  }

  /**
   * Pipelines by id, aligned to `ids`. Pipelines are configuration, readable per type: a caller who
   * may not read pipelines gets null for every id (no FORBIDDEN error, no query).
   */
  async byIds(request: RequestContext, ids: readonly string[]): Promise<(Pipeline | null)[]> {
    if (!(await this.authz.can(request, 'read', 'Pipeline'))) return ids.map(() => null);
    return alignToKeys(ids, await this.access.byIds(request, ids), (pipeline) => pipeline.id);
  }

  /** Stages by id (configuration: readable with whatever refers to them). */
  async stagesByIds(request: RequestContext, ids: readonly string[]): Promise<(PipelineStage | null)[]> {
    const stages = await this.db.transaction(request, (em) => em.findBy(PipelineStage, { id: In([...ids]) }));
    return alignToKeys(ids, stages, (stage) => stage.id);
  }

  async stagesOf(request: RequestContext, pipelineIds: readonly string[]): Promise<PipelineStage[]> {
    return this.db.transaction(request, (em) => em.find(PipelineStage, { where: { pipelineId: In([...pipelineIds]) }, order: { position: 'ASC' } }));
  }

  private async inUse(em: EntityManager, stageIds: string[]): Promise<boolean> {
    if (!stageIds.length) return false;
    const [{ used }] = (await em.query(
      `SELECT EXISTS (SELECT 1 FROM crm.deals WHERE stage_id = ANY($1) AND deleted_at IS NULL)
           OR EXISTS (SELECT 1 FROM crm.contacts WHERE stage_id = ANY($1) AND deleted_at IS NULL) AS used`,
      [stageIds],
    )) as [{ used: boolean }];
    return used;
  }

  /** A position right after `afterId` (first when null), among the pipeline's other stages. */
  private async positionAfter(em: EntityManager, pipelineId: string, afterId: string | null, movingId?: string): Promise<string> {
    const stages = (await em.find(PipelineStage, { where: { pipelineId }, order: { position: 'ASC' } })).filter((s) => s.id !== movingId);
    const index = afterId ? stages.findIndex((s) => s.id === afterId) : -1;
    if (afterId && index < 0) throw stageNotFound(['input', 'afterStageId']);
    return keyBetween(stages[index]?.position ?? null, stages[index + 1]?.position ?? null);
  }

  private emit(em: EntityManager, pipeline: { id: string; orgId: string }, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: pipeline.orgId, subject: { type: 'Pipeline', id: pipeline.id }, data });
  }
}
