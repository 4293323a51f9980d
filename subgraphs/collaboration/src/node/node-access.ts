import { requireVisibleNodes, type Authorizer, type Database, type GraphClient, type RequestContext } from '@cellgraph/kernel';
import { nodeNotFound } from './node.errors.js';
import type { NodeKey } from './node.ref.js';

/**
 * What this subgraph may know about other subgraphs' entities, without reading their tables:
 * whether the caller's policies let it read them (the shared permission model), whether they are
 * in the trash (from the owners' events), whether the cell has their type at all, and — asked of
 * the graph as the caller — whether they exist and are visible.
 */
export class NodeAccess {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
    /** The cell's Node types; null when unknown (then every type counts). */
    private readonly cellTypes: ReadonlySet<string> | null,
  ) {}

  /** The cell's Node types, or null when every type counts. */
  types(): string[] | null {
    return this.cellTypes ? [...this.cellTypes] : null;
  }

  /** Whether the cell has this type of object (links and tags to types it lacks are left out). */
  inCell(type: string): boolean {
    return !this.cellTypes || this.cellTypes.has(type);
  }

  /**
   * Asks the graph whether each node exists and the caller can see it; refuses the first that
   * does not with NODE_NOT_FOUND at `field(index)`.
   */
  async requireVisible(request: RequestContext, nodes: NodeKey[], field: (index: number) => (string | number)[]): Promise<void> {
    const unknown = nodes.findIndex((node) => !this.inCell(node.type));
    if (unknown >= 0) throw nodeNotFound(field(unknown));
    await requireVisibleNodes(
      this.graph,
      request,
      nodes.map((node) => node.id),
      (index) => nodeNotFound(field(index)),
    );
  }

  /** For each node: may the caller read it (policies), and is it out of the trash? */
  async readable(request: RequestContext, nodes: readonly NodeKey[]): Promise<boolean[]> {
    const trashed = await this.trashed(
      request,
      nodes.map((node) => node.uuid),
    );
    const result = nodes.map((node) => this.inCell(node.type) && !trashed.has(node.uuid));
    const byType = new Map<string, number[]>();
    nodes.forEach((node, index) => byType.set(node.type, [...(byType.get(node.type) ?? []), index]));
    for (const [type, indexes] of byType) {
      const allowed = await this.authz.allowed(
        request,
        'read',
        type,
        indexes.map((index) => nodes[index]!.uuid),
      );
      indexes.forEach((index, position) => (result[index] = result[index]! && allowed[position]!));
    }
    return result;
  }

  /** The uuids among `uuids` that are in the trash. */
  async trashed(request: RequestContext, uuids: readonly string[]): Promise<Set<string>> {
    if (!uuids.length) return new Set();
    const rows: { node_id: string }[] = await this.db.transaction(request, (em) =>
      em.query('SELECT node_id FROM collaboration.trash WHERE node_id = ANY($1) AND deleted', [[...uuids]]),
    );
    return new Set(rows.map((row) => row.node_id));
  }

  /** Whether the caller may change the node (its type's write permission). */
  canWrite(request: RequestContext, node: NodeKey): Promise<boolean> {
    return this.authz.can(request, 'write', node.type, node.uuid);
  }

  canManage(request: RequestContext, node: NodeKey): Promise<boolean> {
    return this.authz.can(request, 'manage', node.type, node.uuid);
  }
}
