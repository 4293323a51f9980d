import { argumentsKey, type Connection, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Interaction } from './interaction.entity.js';
import type { InteractionsArgs } from './interaction.inputs.js';

/** One page of interactions per contact or deal (latest first), for one set of arguments. */
export const groupedInteractions = (
  { interactions }: CrmServices,
  loaders: LoaderRegistry,
  request: RequestContext,
  group: 'contactId' | 'dealId',
  args: InteractionsArgs,
) =>
  loaders.get<string, Connection<Interaction>>(`crm.interactions.${group}:${argumentsKey(args)}`, (keys) =>
    interactions.listGrouped(request, `interaction.${group}`, keys, args),
  );
