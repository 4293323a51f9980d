import {
  fromGlobalId,
  OrderDirection,
  paginate,
  parseGlobalId,
  requireOrgId,
  type Authorizer,
  type Connection,
  type Database,
  type GraphClient,
  type PublishedEvent,
  type RequestContext,
  type SortKey,
  type UserErrorData,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import type { NodeAccess } from '../node/node-access.js';
import { TrashItem } from './trash-item.entity.js';
import { notInTrash, ownerRefused, trashForbidden } from './trash.errors.js';
import type { TrashArgs } from './trash.inputs.js';

const lowerFirst = (text: string) => `${text[0]!.toLowerCase()}${text.slice(1)}`;

const latestFirst: SortKey[] = [
  { name: 'deletedAt', path: 'item.changedAt', sqlType: 'timestamptz', direction: OrderDirection.DESC },
  { name: 'id', path: 'item.nodeId', sqlType: 'uuid', direction: OrderDirection.DESC },
];

/**
 * One trash for the whole cell. Each module soft-deletes its own objects and reports it
 * (`<type>.deleted`, `.restored`, `.purged` events); this view lists what is in the trash,
 * restores (`<type>Restore`) and deletes for good (`<type>Purge`, owners and admins) by asking
 * the owning module through the graph. Modules purge what has been in the trash for 30 days.
 */
export class TrashService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
    private readonly nodes: NodeAccess,
    /** The cell's types that go to the trash; null: any whose delete event carries a title. */
    private readonly trashTypes: ReadonlySet<string> | null,
  ) {}

  /**
   * Applies a module's trash event (`<type>.deleted` of a trash-capable type, `<type>.restored`,
   * `<type>.purged`); events may arrive out of order, so the latest one wins.
   */
  async record(event: PublishedEvent): Promise<void> {
    if (!event.subject || !event.orgId) return;
    const { type, id } = event.subject;
    // Only an object's own events count (`task.deleted` about a Task, not `comment.deleted` about it).
    const own = (verb: string) => event.type === `${lowerFirst(type)}.${verb}`;
    const purged = own('purged');
    const deleted = own('deleted');
    if (!purged && !deleted && !own('restored')) return;
    if (deleted && !(this.trashTypes ? this.trashTypes.has(type) : 'title' in (event.data ?? {}))) return;
    const title = (event.data?.title as string | undefined) ?? null;
    await this.db.transaction({ orgId: event.orgId, userId: null }, async (em) => {
      if (purged) return forget(em, id);
      await em.query(
        `INSERT INTO collaboration.trash (node_id, org_id, node_type, title, deleted, deleted_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (node_id) DO UPDATE SET deleted = excluded.deleted, title = coalesce(excluded.title, trash.title), deleted_by = excluded.deleted_by, changed_at = excluded.changed_at
         WHERE trash.changed_at <= excluded.changed_at`,
        [id, event.orgId, type, title, deleted, deleted ? event.actorId : null, event.occurredAt],
      );
    });
  }

  /** What is in the trash that the caller may read, latest first. */
  async list(request: RequestContext, args: TrashArgs): Promise<Connection<TrashItem>> {
    requireOrgId(request);
    const types: string[] = await this.db.transaction(request, async (em) =>
      ((await em.query('SELECT DISTINCT node_type FROM collaboration.trash WHERE deleted')) as { node_type: string }[]).map((r) => r.node_type),
    );
    const wanted = types.filter((type) => (!args.types || args.types.includes(type)) && this.nodes.inCell(type));
    const readable = await Promise.all(wanted.map(async (type) => [type, await this.authz.readableIds(request, type)] as const));
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(TrashItem, 'item').where('item.deleted');
        const params: Record<string, unknown> = {};
        const clauses = readable.map(([type, ids], index) => {
          params[`type${index}`] = type;
          if (ids === null) return `item.type = :type${index}`;
          params[`ids${index}`] = ids;
          return `(item.type = :type${index} AND item.nodeId = ANY(:ids${index}))`;
        });
        return query.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE', params);
      },
      sort: latestFirst,
      args,
    });
  }

  /** Restores an object by asking its module (`<type>Restore`), as the caller. */
  async restore(request: RequestContext, globalId: string): Promise<TrashItem> {
    const item = await this.item(request, globalId);
    const mutation = `${lowerFirst(item.type)}Restore`;
    await this.ask(
      request,
      `mutation($input: ${item.type}RestoreInput!) { ${mutation}(input: $input) { userErrors { code field message } } }`,
      mutation,
      globalId,
    );
    await this.db.transaction(request, (em) =>
      em.query('UPDATE collaboration.trash SET deleted = false, changed_at = now() WHERE node_id = $1', [item.nodeId]),
    );
    return Object.assign(item, { deleted: false });
  }

  /** Deletes an object for good by asking its module (`<type>Purge`: owners and admins). */
  async purge(request: RequestContext, globalId: string): Promise<string> {
    const item = await this.item(request, globalId);
    const mutation = `${lowerFirst(item.type)}Purge`;
    await this.ask(
      request,
      `mutation($input: ${item.type}PurgeInput!) { ${mutation}(input: $input) { userErrors { code field message } } }`,
      mutation,
      globalId,
    );
    await this.db.transaction(request, (em) => forget(em, item.nodeId));
    return globalId;
  }

  /** Forgets what this subgraph holds about an object deleted for good. */
  async forget(orgId: string, nodeId: string): Promise<void> {
    await this.db.transaction({ orgId, userId: null }, (em) => forget(em, nodeId));
  }

  private async item(request: RequestContext, globalId: string): Promise<TrashItem> {
    const decoded = parseGlobalId(globalId);
    if (!decoded) fromGlobalId('Node', globalId);
    const item = await this.db.transaction(request, (em) => em.findOneBy(TrashItem, { nodeId: decoded!.uuid, deleted: true }));
    if (!item || item.type !== decoded!.typeName) throw notInTrash();
    return item;
  }

  /** Runs the owner's mutation through the graph; its user errors become ours. */
  private async ask(request: RequestContext, query: string, mutation: string, id: string): Promise<void> {
    const answer = await this.graph.request<Record<string, { userErrors: UserErrorData[] } | null>>(request, query, { input: { id } });
    const payload = answer.data?.[mutation];
    if (answer.errors?.length || !payload) {
      const code = answer.errors?.[0]?.extensions?.code;
      if (code === 'FORBIDDEN') throw trashForbidden(answer.errors![0]!.message);
      throw notInTrash();
    }
    if (payload.userErrors.length) throw ownerRefused(payload.userErrors);
  }
}

/** Drops everything this subgraph holds about an object: links, comments, tags, activity, trash. */
async function forget(em: EntityManager, nodeId: string): Promise<void> {
  await em.query('DELETE FROM collaboration.links WHERE source_id = $1 OR target_id = $1', [nodeId]);
  await em.query('DELETE FROM collaboration.comments WHERE node_id = $1', [nodeId]);
  await em.query('DELETE FROM collaboration.taggings WHERE node_id = $1', [nodeId]);
  await em.query('DELETE FROM collaboration.activities WHERE node_id = $1', [nodeId]);
  await em.query('DELETE FROM collaboration.trash WHERE node_id = $1', [nodeId]);
}
