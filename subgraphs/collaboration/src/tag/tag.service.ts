import {
  claimOnce,
  escapeLike,
  forbidden,
  fromGlobalId,
  idempotent,
  isUniqueViolation,
  OrderDirection,
  paginate,
  paginateSource,
  requireOrgId,
  requireUserId,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type RequestContext,
  type SortKey,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { NodeAccess } from '../node/node-access.js';
import { nodeKey, NodeRef, type NodeKey } from '../node/node.ref.js';
import { Tag, Tagging } from './tag.entities.js';
import { nameTaken, nodeCountInvalid, TagErrorCode, tagNotFound } from './tag.errors.js';
import { TagMatch, type TagCreateInput, type TaggedNodesArgs, type TagsArgs } from './tag.inputs.js';
import { collaborationErrorTexts } from '../messages.js';

const MAX_NODES = 100;

const fields = {
  name: z.string().trim().min(1, zodMessage(collaborationErrorTexts.tagNameRequired)).max(50, zodMessage(collaborationErrorTexts.tagNameTooLong)),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, zodMessage(collaborationErrorTexts.colourFormat)),
  category: z
    .string()
    .trim()
    .max(50, zodMessage(collaborationErrorTexts.categoryTooLong))
    .transform((value) => value || null),
};
const createInput = z.object({ name: fields.name, color: fields.color.nullish(), category: fields.category.nullish() });
const updateInput = z.object({ name: fields.name.optional(), color: fields.color.optional(), category: fields.category.nullish() });

const byName: SortKey[] = [
  { name: 'name', path: 'tag.name', sqlType: 'text', direction: OrderDirection.ASC },
  { name: 'id', path: 'tag.id', sqlType: 'uuid', direction: OrderDirection.ASC },
];
const byNodeId: SortKey[] = [{ name: 'id', path: 'node_id', sqlType: 'uuid', direction: OrderDirection.ASC }];

/**
 * Tags of the organization and their use on objects of any type. Members create tags and put them
 * on objects they may change (and can see, asked of the graph); owners and admins rename and
 * delete tags — deleting one takes it off everything.
 */
export class TagService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly nodes: NodeAccess,
  ) {}

  async list(request: RequestContext, args: TagsArgs): Promise<Connection<Tag>> {
    requireOrgId(request);
    await this.authz.require(request, 'read', 'Tag');
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(Tag, 'tag');
        if (args.category) query.andWhere('tag.category = :category', { category: args.category });
        if (args.search) query.andWhere('tag.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
        return query;
      },
      sort: byName,
      args,
    });
  }

  async create(request: RequestContext, input: TagCreateInput): Promise<Tag> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    await this.authz.require(request, 'write', 'Tag');
    const valid = validateInput(createInput, input, TagErrorCode.InvalidInput);
    return this.guardName(() =>
      this.db.transaction(request, (em) =>
        idempotent(em, this.db.schema, {
          key: input.idempotencyKey,
          operation: 'tagCreate',
          input: valid,
          load: (id) => em.findOneBy(Tag, { id }),
          create: async () => {
            const tag = await em.save(
              em.create(Tag, { id: uuidv7(), orgId, name: valid.name, color: valid.color ?? '#6b7280', category: valid.category ?? null, createdBy }),
            );
            await this.db.emit(em, { type: 'tag.created', orgId, subject: { type: 'Tag', id: tag.id }, data: { name: tag.name } });
            return tag;
          },
        }),
      ),
    );
  }

  async update(request: RequestContext, input: { id: string; name?: string | null; color?: string | null; category?: string | null }): Promise<Tag> {
    const id = fromGlobalId('Tag', input.id);
    await this.authz.require(request, 'manage', 'Tag');
    const changes = validateInput(
      updateInput,
      { name: input.name ?? undefined, color: input.color ?? undefined, category: input.category },
      TagErrorCode.InvalidInput,
    );
    return this.guardName(() =>
      this.db.transaction(request, async (em) => {
        const tag = await em.findOneBy(Tag, { id });
        if (!tag) throw tagNotFound();
        const before = { name: tag.name, color: tag.color, category: tag.category };
        Object.assign(tag, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
        const saved = await em.save(tag);
        await this.db.emit(em, {
          type: 'tag.updated',
          orgId: tag.orgId,
          subject: { type: 'Tag', id },
          data: { before, after: { name: saved.name, color: saved.color, category: saved.category } },
        });
        return saved;
      }),
    );
  }

  /** Deletes a tag and takes it off every object. */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Tag', idInput);
    await this.authz.require(request, 'manage', 'Tag');
    await this.db.transaction(request, async (em) => {
      const tag = await em.findOneBy(Tag, { id });
      if (!tag) throw tagNotFound();
      const removedFrom = await em.countBy(Tagging, { tagId: id });
      await em.delete(Tag, { id });
      await this.db.emit(em, { type: 'tag.deleted', orgId: tag.orgId, subject: { type: 'Tag', id }, data: { name: tag.name, removedFrom } });
    });
    return idInput;
  }

  /** Puts a tag on objects (up to 100, any types); returns how many gained it. */
  async apply(request: RequestContext, input: { tagId: string; nodeIds: string[] }): Promise<{ tag: Tag; changed: number }> {
    const createdBy = requireUserId(request);
    const { tagId, nodes } = await this.target(request, input);
    await this.nodes.requireVisible(request, nodes, (index) => ['input', 'nodeIds', index]);
    return this.db.transaction(request, async (em) => {
      const tag = await this.tag(em, tagId);
      let changed = 0;
      for (const node of nodes) {
        if (
          !(await claimOnce(em, 'collaboration.taggings', {
            tag_id: tagId,
            org_id: tag.orgId,
            node_type: node.type,
            node_id: node.uuid,
            created_by: createdBy,
          }))
        )
          continue;
        changed += 1;
        await this.db.emit(em, { type: 'entity.tagged', orgId: tag.orgId, subject: { type: node.type, id: node.uuid }, data: { tagId, tag: tag.name } });
      }
      return { tag, changed };
    });
  }

  /** Takes a tag off objects; returns how many lost it. */
  async remove(request: RequestContext, input: { tagId: string; nodeIds: string[] }): Promise<{ tag: Tag; changed: number }> {
    const { tagId, nodes } = await this.target(request, input);
    return this.db.transaction(request, async (em) => {
      const tag = await this.tag(em, tagId);
      let changed = 0;
      for (const node of nodes) {
        const removed = await em.delete(Tagging, { tagId, nodeId: node.uuid });
        if (!removed.affected) continue;
        changed += 1;
        await this.db.emit(em, { type: 'entity.untagged', orgId: tag.orgId, subject: { type: node.type, id: node.uuid }, data: { tagId, tag: tag.name } });
      }
      return { tag, changed };
    });
  }

  /** The tags on each node (by uuid), by name: one statement (taggings joined to their tags), grouped through maps. */
  async tagsOf(request: RequestContext, nodeUuids: readonly string[]): Promise<Tag[][]> {
    return this.db.transaction(request, async (em) => {
      const { raw, entities } = await em
        .createQueryBuilder(Tag, 'tag')
        .innerJoin(Tagging, 'tg', 'tg.tag_id = tag.id')
        .addSelect('tg.node_id', 'cellgraph_node_id')
        .where('tg.node_id IN (:...nodeIds)', { nodeIds: [...nodeUuids] })
        .orderBy('tag.name', 'ASC')
        .addOrderBy('tag.id', 'ASC')
        .getRawAndEntities<{ tag_id: string; cellgraph_node_id: string }>();
      const tagById = new Map(entities.map((tag) => [tag.id, tag]));
      const byNode = new Map<string, Tag[]>();
      for (const row of raw) {
        const tag = tagById.get(row.tag_id);
        if (!tag) continue;
        const list = byNode.get(row.cellgraph_node_id);
        if (list) list.push(tag);
        else byNode.set(row.cellgraph_node_id, [tag]);
      }
      return nodeUuids.map((uuid) => byNode.get(uuid) ?? []);
    });
  }

  /**
   * Objects of any type with the given tags (all of them, or any), in the order they were
   * created; what the caller may not read, what is in the trash and types the cell lacks are left out.
   */
  async taggedNodes(request: RequestContext, args: TaggedNodesArgs): Promise<Connection<NodeRef & { uuid: string }>> {
    requireOrgId(request);
    const tagIds = [...new Set(args.tagIds.map((id) => fromGlobalId('Tag', id, 'tagIds')))];
    const types = (args.types ?? this.nodes.types() ?? null)?.filter((type) => this.nodes.inCell(type)) ?? null;
    const visible = await this.visibilityFilter(request, tagIds, types);
    const params: Record<string, unknown> = { tagIds, atLeast: args.match === TagMatch.ALL ? tagIds.length : 1 };
    const param = (value: unknown) => {
      const name = `p${Object.keys(params).length}`;
      params[name] = value;
      return `:${name}`;
    };
    const conditions = [
      'tg.tag_id = ANY(:tagIds)',
      'NOT EXISTS (SELECT 1 FROM collaboration.trash t WHERE t.node_id = tg.node_id AND t.deleted)',
      visible(param),
    ];
    const grouped = `SELECT tg.node_type, tg.node_id FROM collaboration.taggings tg WHERE ${conditions.join(' AND ')}
                     GROUP BY tg.node_type, tg.node_id HAVING count(DISTINCT tg.tag_id) >= :atLeast`;
    return paginateSource<{ node_type: string; node_id: string }, NodeRef & { uuid: string }>({
      db: this.db,
      scope: request,
      source: { sql: grouped, params },
      sort: byNodeId,
      args,
      load: async (_em, rows) => rows.map((row) => Object.assign(NodeRef.of(row.node_type, row.node_id), { uuid: row.node_id })),
    });
  }

  /** An SQL condition keeping the taggings of nodes the caller may read (per type, from the policies). */
  private async visibilityFilter(request: RequestContext, tagIds: string[], types: string[] | null): Promise<(param: (value: unknown) => string) => string> {
    const present: { node_type: string }[] = await this.db.transaction(request, (em) =>
      em.query('SELECT DISTINCT node_type FROM collaboration.taggings WHERE tag_id = ANY($1)', [tagIds]),
    );
    const wanted = present.map((row) => row.node_type).filter((type) => !types || types.includes(type));
    const readable = await Promise.all(wanted.map(async (type) => [type, await this.authz.readableIds(request, type)] as const));
    return (param) => {
      if (!readable.length) return 'FALSE';
      return `(${readable.map(([type, ids]) => (ids === null ? `tg.node_type = ${param(type)}` : `(tg.node_type = ${param(type)} AND tg.node_id = ANY(CAST(${param(ids)} AS uuid[])))`)).join(' OR ')})`;
    };
  }

  private async target(request: RequestContext, input: { tagId: string; nodeIds: string[] }): Promise<{ tagId: string; nodes: NodeKey[] }> {
    requireOrgId(request);
    const tagId = fromGlobalId('Tag', input.tagId, 'tagId');
    if (!input.nodeIds.length || input.nodeIds.length > MAX_NODES) throw nodeCountInvalid(MAX_NODES);
    const nodes = [...new Map(input.nodeIds.map((id, index) => [id, nodeKey(id, `nodeIds[${index}]`)])).values()];
    for (const node of nodes) if (!(await this.nodes.canWrite(request, node))) throw forbidden(collaborationErrorTexts.mayNotChangeTagged);
    return { tagId, nodes };
  }

  private async tag(em: EntityManager, id: string): Promise<Tag> {
    const tag = await em.findOneBy(Tag, { id });
    if (!tag) throw tagNotFound('tagId');
    return tag;
  }

  private async guardName<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'tags_name_key')) throw nameTaken();
      throw error;
    }
  }
}
