import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../context/request-context.js';
import { parseGlobalId } from '../ids/global-id.js';
import type { ReferenceResolver } from './build-federated-schema.js';

/**
 * `__resolveReference` for an entity keyed by its global id, always through the request's
 * DataLoader so that N references cost one query. A reference to another type or an unknown row
 * resolves to null.
 */
export function referenceThroughLoader<TServices, T>(
  typeName: string,
  loader: (context: SubgraphContext<TServices>) => DataLoader<string, T | null>,
): ReferenceResolver<SubgraphContext<TServices>> {
  return (reference, context) => {
    const decoded = parseGlobalId(reference.id);
    if (!decoded || decoded.typeName !== typeName) return null;
    return loader(context).load(decoded.uuid);
  };
}

/** `__resolveReference` of a type this subgraph only extends: the reference is the object. */
export const referenceAsIs: ReferenceResolver<unknown> = (reference) => reference;
