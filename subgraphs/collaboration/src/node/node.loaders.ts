import { argumentsKey, type Connection, type ConnectionArgs, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { Comment } from '../comment/comment.entity.js';
import type { LinkEnd } from '../link/link.entities.js';
import type { LinksArgs } from '../link/link.inputs.js';
import type { CollaborationServices } from '../services.js';
import type { Tag } from '../tag/tag.entities.js';

/*
 * Per-request loaders: for N objects (or N comments), one batch per field and arguments.
 */

export const threadsOf = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<Comment>>(`collaboration.threads:${argumentsKey(args)}`, (nodeIds) => comments.threads(request, nodeIds, args));

export const repliesOf = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<Comment>>(`collaboration.replies:${argumentsKey(args)}`, (parentIds) => comments.replies(request, parentIds, args));

export const linksOf = ({ links }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: LinksArgs) =>
  loaders.get<string, Connection<LinkEnd>>(`collaboration.links:${argumentsKey(args)}`, (nodeIds) => links.of(request, nodeIds, args));

export const tagsOf = ({ tags }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Tag[]>('collaboration.tags', (nodeIds) => tags.tagsOf(request, nodeIds));

export const commentById = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Comment | null>('collaboration.commentById', async (ids) => {
    const found = await comments.byIds(request, ids);
    return ids.map((id) => found.find((comment) => comment.id === id) ?? null);
  });
