import { principalUserId, type Authorizer, type GraphClient, type RequestContext } from '@cellgraph/kernel';

const VISIBLE = 'query FilesAboutVisible($ids: [ID!]!) { nodes(ids: $ids) { id } }';
const NODES_PER_CALL = 100;

/**
 * Who reads a file. One attached to an object is readable by whoever can read that object — its
 * owner decides, asked through the graph as the caller (`nodes(ids:)`: one call for a batch);
 * an unattached one by its uploader and the organization's owners and admins. Whatever it is
 * attached to, a file that is a member's avatar (files.avatars) is readable by everyone of the
 * organization, as that member's name is: setting it as an avatar published it there.
 */
export class FileAccessRule {
  constructor(
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
    /** Which of these files (uuids) are avatars in the caller's organization. */
    private readonly avatarFiles: (request: RequestContext, fileIds: readonly string[]) => Promise<Set<string>>,
  ) {}

  async isAdmin(request: RequestContext): Promise<boolean> {
    // API keys act as members, never as administrators.
    const principal = request.principal;
    if (principal.kind !== 'user' || !principal.orgId) return false;
    const role = await this.authz.roleOf(principal.orgId, principal.userId);
    return role === 'owner' || role === 'admin';
  }

  /** The ids among `ids` (global ids of any type) that exist and the caller can read. */
  async visible(request: RequestContext, ids: readonly string[]): Promise<Set<string>> {
    const visible = new Set<string>();
    // `nodes(ids:)` takes at most 100 ids: larger sets are asked in parallel chunks.
    const chunks = Array.from({ length: Math.ceil(ids.length / NODES_PER_CALL) }, (_, index) =>
      ids.slice(index * NODES_PER_CALL, (index + 1) * NODES_PER_CALL),
    );
    await Promise.all(
      chunks.map(async (chunk) => {
        const answer = await this.graph.request<{ nodes: ({ id: string } | null)[] }>(request, VISIBLE, { ids: chunk });
        chunk.forEach((id, index) => {
          if (answer.data?.nodes?.[index]) visible.add(id);
        });
      }),
    );
    return visible;
  }

  async readableOf(request: RequestContext, rows: readonly { id: string; aboutId: string | null; uploadedBy: string }[]): Promise<boolean[]> {
    const userId = principalUserId(request.principal);
    const avatars = await this.avatarFiles(
      request,
      rows.map((row) => row.id),
    );
    const rest = rows.filter((row) => !avatars.has(row.id));
    const about = [...new Set(rest.flatMap((row) => (row.aboutId ? [row.aboutId] : [])))];
    const [visible, admin] = await Promise.all([this.visible(request, about), rest.some((row) => !row.aboutId) ? this.isAdmin(request) : false]);
    return rows.map((row) => avatars.has(row.id) || (row.aboutId ? visible.has(row.aboutId) : admin || row.uploadedBy === userId));
  }
}
