import { argumentsKey, type Connection, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { CollaborationServices } from '../services.js';
import type { LinkEnd } from './link.entities.js';
import type { LinksArgs } from './link.inputs.js';

/** Links per node (uuid), seen from it, one page each: for N objects one batch per arguments. */
export const linksOf = ({ links }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: LinksArgs) =>
  loaders.get<string, Connection<LinkEnd>>(`collaboration.links:${argumentsKey(args)}`, (nodeIds) => links.of(request, nodeIds, args));
