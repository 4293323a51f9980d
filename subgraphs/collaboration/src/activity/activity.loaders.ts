import { argumentsKey, type Connection, type ConnectionArgs, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { CollaborationServices } from '../services.js';
import type { ActivityItem } from './activity.service.js';

/** Activity per node (uuid), one page each: for N objects, one batch per arguments. */
export const activityOf = ({ activities }: CollaborationServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<ActivityItem>>(`collaboration.activity:${argumentsKey(args)}`, (nodeIds) => activities.ofNodes(request, nodeIds, args));
