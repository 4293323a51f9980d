import { forbidden, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { NodeAccess } from './node-access.js';
import type { NodeKey } from './node.ref.js';
import { collaborationErrorTexts } from '../messages.js';

/** Per request: may the caller read this node (policies, out of the trash, of the cell)? One batch for N nodes. */
export function readableNode(access: NodeAccess, loaders: LoaderRegistry, request: RequestContext) {
  return loaders.get<NodeKey, boolean, string>('collaboration.readableNode', (nodes) => access.readable(request, nodes), { cacheKeyFn: (node) => node.id });
}

/** Node fields answer FORBIDDEN (at the field) when the caller may not read the node. */
export async function requireReadable(access: NodeAccess, loaders: LoaderRegistry, request: RequestContext, node: NodeKey): Promise<void> {
  if (!(await readableNode(access, loaders, request).load(node))) throw forbidden(collaborationErrorTexts.mayNotRead);
}
