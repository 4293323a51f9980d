import { argumentsKey, type Connection, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import type { Deliverable } from './deliverable.entity.js';
import type { DeliverablesArgs } from './deliverable.inputs.js';

/** Deliverables by id for the caller: null when absent, a FORBIDDEN error when its document is unreadable. */
export const deliverableById = ({ deliverables }: DocumentsServices, loaders: LoaderRegistry, request: RequestContext) => deliverables.loader(loaders, request);

/** One page of deliverables per document, for one set of arguments. */
export const groupedDeliverables = ({ deliverables }: DocumentsServices, loaders: LoaderRegistry, request: RequestContext, args: DeliverablesArgs) =>
  loaders.get<string, Connection<Deliverable>>(`documents.deliverables:${argumentsKey(args)}`, (keys) => deliverables.listGrouped(request, keys, args));
