import { referenceAsIs } from '@cellgraph/kernel';

/**
 * `Node` is an `@interfaceObject` here: the object belongs to another subgraph, which loads it and
 * decides whether it exists; this subgraph keeps only its id, so the reference is the object. Its
 * fields (comments, links, tags, activity) check that the caller may read it (`requireReadable`).
 */
export const resolveNodeReference = referenceAsIs;
