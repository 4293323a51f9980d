import {
  forbidden,
  fromGlobalId,
  idempotent,
  isUniqueViolation,
  OrderDirection,
  paginateGroups,
  requireOrgId,
  requireUserId,
  uuidv7,
  type Connection,
  type Database,
  type RequestContext,
  type SortKey,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import type { NodeAccess } from '../node/node-access.js';
import { keyOf, nodeKey, type NodeKey } from '../node/node.ref.js';
import { LinkDirection, LinkEnd, LinkRow } from './link.entities.js';
import { alreadyLinked, invalidRelationship, linkNotFound, linkToItself } from './link.errors.js';
import type { LinkCreateInput, LinksArgs } from './link.inputs.js';
import { collaborationErrorTexts } from '../messages.js';

const RELATIONSHIP = /^[a-z][a-z0-9_]{0,49}$/;

const oldestFirst: SortKey[] = [
  { name: 'createdAt', path: 'end.createdAt', sqlType: 'timestamptz', direction: OrderDirection.ASC },
  { name: 'id', path: 'end.endId', sqlType: 'uuid', direction: OrderDirection.ASC },
];

/**
 * Links between any two objects of the cell, with a relationship name. Both ends must exist and
 * be visible to whoever links them — asked of the owning subgraphs through the graph — and they
 * must be allowed to change the source. A node's links (either direction) are listed from its
 * side; links to objects in the trash, or of types the cell lacks, are left out.
 */
export class LinkService {
  constructor(
    private readonly db: Database,
    private readonly nodes: NodeAccess,
  ) {}

  async create(request: RequestContext, input: LinkCreateInput): Promise<LinkEnd> {
    const orgId = requireOrgId(request);
    const createdBy = requireUserId(request);
    const source = nodeKey(input.fromId, 'fromId');
    const target = nodeKey(input.toId, 'toId');
    const relationship = input.relationship.trim();
    if (!RELATIONSHIP.test(relationship)) throw invalidRelationship();
    if (source.id === target.id) throw linkToItself();
    await this.nodes.requireVisible(request, [source, target], (index) => ['input', index === 0 ? 'fromId' : 'toId']);
    if (!(await this.nodes.canWrite(request, source))) throw forbidden(collaborationErrorTexts.mayNotChangeLinkSource);
    try {
      return await this.db.transaction(request, (em) =>
        idempotent(em, this.db.schema, {
          key: input.idempotencyKey,
          operation: 'linkCreate',
          input: { source: source.id, target: target.id, relationship },
          load: (id) => em.findOneBy(LinkEnd, { linkId: id, direction: LinkDirection.OUTGOING }),
          idOf: (end) => end.linkId,
          create: async () => {
            const reverse = await em.findOneBy(LinkRow, { sourceId: target.uuid, targetId: source.uuid, relationship });
            if (reverse) throw alreadyLinked();
            const link = em.create(LinkRow, {
              id: uuidv7(),
              orgId,
              sourceType: source.type,
              sourceId: source.uuid,
              targetType: target.type,
              targetId: target.uuid,
              relationship,
              createdBy,
              createdAt: new Date(),
            });
            await em.insert(LinkRow, link);
            const outgoing = this.end(link, source, target, LinkDirection.OUTGOING);
            await em.insert(LinkEnd, [outgoing, this.end(link, target, source, LinkDirection.INCOMING)]);
            await this.emitBoth(em, link, 'entity.linked');
            return outgoing;
          },
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyLinked();
      throw error;
    }
  }

  /** Removes a link: whoever may change either end and see both. */
  async delete(request: RequestContext, idInput: string): Promise<string> {
    const id = fromGlobalId('Link', idInput);
    await this.db.transaction(request, async (em) => {
      const link = await em.findOne(LinkRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!link) throw linkNotFound();
      const [source, target] = [keyOf(link.sourceType, link.sourceId), keyOf(link.targetType, link.targetId)];
      const visible = await this.nodes.readable(request, [source, target]);
      if (!visible.every(Boolean)) throw linkNotFound();
      if (!(await this.nodes.canWrite(request, source)) && !(await this.nodes.canWrite(request, target)))
        throw forbidden(collaborationErrorTexts.mayNotChangeLinkEnds);
      await em.delete(LinkRow, { id });
      await this.emitBoth(em, link, 'entity.unlinked');
    });
    return idInput;
  }

  /** One page of links per node (seen from it), oldest first, in a constant number of statements. */
  of(request: RequestContext, nodeUuids: readonly string[], args: LinksArgs): Promise<Connection<LinkEnd>[]> {
    return paginateGroups(
      {
        db: this.db,
        scope: request,
        entity: LinkEnd,
        build: (em) => {
          const query = em
            .createQueryBuilder(LinkEnd, 'end')
            .andWhere('NOT EXISTS (SELECT 1 FROM collaboration.trash t WHERE t.node_id = end.other_id AND t.deleted)');
          const types = (args.type ?? []).filter((type) => this.nodes.inCell(type));
          if (args.type) query.andWhere(types.length ? 'end.otherType IN (:...types)' : 'FALSE', { types });
          const cellTypes = this.nodes.types();
          if (cellTypes) query.andWhere('end.otherType IN (:...cellTypes)', { cellTypes });
          if (args.relationship) query.andWhere('end.relationship = :relationship', { relationship: args.relationship });
          if (args.direction) query.andWhere('end.direction = :direction', { direction: args.direction });
          return query;
        },
        alias: 'end',
        groupPath: 'end.nodeId',
        idProperty: 'endId',
        sort: oldestFirst,
        args,
      },
      nodeUuids,
    );
  }

  private end(link: LinkRow, from: NodeKey, to: NodeKey, direction: LinkDirection): LinkEnd {
    return Object.assign(new LinkEnd(), {
      endId: direction === LinkDirection.OUTGOING ? link.id : uuidv7(),
      linkId: link.id,
      orgId: link.orgId,
      nodeType: from.type,
      nodeId: from.uuid,
      otherType: to.type,
      otherId: to.uuid,
      direction,
      relationship: link.relationship,
      createdBy: link.createdBy,
      createdAt: link.createdAt,
    });
  }

  /** One event per end, so the link shows in each object's activity. */
  private async emitBoth(em: EntityManager, link: LinkRow, type: string): Promise<void> {
    const data = { linkId: link.id, relationship: link.relationship };
    await this.db.emit(em, {
      type,
      orgId: link.orgId,
      subject: { type: link.sourceType, id: link.sourceId },
      data: { ...data, direction: 'outgoing', otherType: link.targetType, otherId: link.targetId },
    });
    await this.db.emit(em, {
      type,
      orgId: link.orgId,
      subject: { type: link.targetType, id: link.targetId },
      data: { ...data, direction: 'incoming', otherType: link.sourceType, otherId: link.sourceId },
    });
  }
}
