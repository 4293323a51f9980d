import { argumentsKey, type Connection, type LoaderRegistry } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Interaction } from './interaction.entity.js';
import type { InteractionsArgs } from './interaction.inputs.js';

/** One page of interactions per contact or deal (latest first), for one set of arguments. */
export const groupedInteractions = ({ interactions }: CrmServices, loaders: LoaderRegistry, group: 'contactId' | 'dealId', args: InteractionsArgs) =>
  loaders.get<string, Connection<Interaction>>(`crm.interactions.${group}:${argumentsKey(args)}`, (keys) => interactions.listGrouped(`interaction.${group}`, keys, args));
