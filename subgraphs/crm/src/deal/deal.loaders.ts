import { argumentsKey, groupToKeys, type Connection, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Deal } from './deal.entity.js';
import type { DealsArgs } from './deal.inputs.js';

/** Deals by id: null when absent (or in the trash), a FORBIDDEN error when the caller may not read it. */
export const dealById = ({ deals }: CrmServices, loaders: LoaderRegistry, request: RequestContext) => deals.access.loader(loaders, request);

/** Loads a deal for a field; an unreadable one raises its FORBIDDEN error at that field. */
export const loadDeal = (context: SubgraphContext<CrmServices>, id: string | null): Promise<Deal | null> =>
  context.services.deals.access.loadReadable(context.loaders, context.request, id);

/** One page of deals per group key (stage, contact, owner), for one set of arguments. */
export const groupedDeals = (
  services: CrmServices,
  loaders: LoaderRegistry,
  request: RequestContext,
  group: 'stageId' | 'contactId' | 'ownerId',
  args: DealsArgs,
) =>
  loaders.get<string, Connection<Deal>>(`crm.deals.${group}:${argumentsKey(args)}`, (keys) => services.deals.listGrouped(request, `deal.${group}`, keys, args));

export const stageTotals = ({ deals }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get('crm.stageTotals', async (stageIds: readonly string[]) =>
    groupToKeys(stageIds, await deals.stageTotals(request, stageIds), (row) => row.stage_id),
  );
