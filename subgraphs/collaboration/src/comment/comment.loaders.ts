import { argumentsKey, type Connection, type ConnectionArgs, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { CollaborationServices } from '../services.js';
import type { Comment } from './comment.entity.js';

/*
 * Per-request loaders of comments: for N objects (or N comments), one batch per field and arguments.
 */

/** Top-level comments per node (uuid), one page each. */
export const threadsOf = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<Comment>>(`collaboration.threads:${argumentsKey(args)}`, (nodeIds) => comments.threads(request, nodeIds, args));

/** Replies per comment, one page each. */
export const repliesOf = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<Comment>>(`collaboration.replies:${argumentsKey(args)}`, (parentIds) => comments.replies(request, parentIds, args));

/** Comments by id for the caller (null when absent from the organization). */
export const commentById = ({ comments }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext) => comments.access.loader(loaders, request);

export const loadComment = (context: SubgraphContext<CollaborationServices>, id: string | null) =>
  context.services.comments.access.loadReadable(context.loaders, context.request, id);
