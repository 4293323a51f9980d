import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';

type GatewayGraphQLRequest = GraphQLDataSourceProcessOptions['request'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * A query plan may send one subgraph the same entity representation (same __typename and key,
 * e.g. the assignee of 100 tasks who are all one user) many times in one `_entities` fetch.
 * Each distinct representation is sent once; the answers are fanned back to every position that
 * asked for it, so the plan sees the list it expects.
 */
export interface DedupedEntities {
  request: GatewayGraphQLRequest;
  /** The subgraph's answer to the deduplicated request, as the answer to the original one. */
  fanOut(response: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

/** The request with each representation once, or null when it has no repeated representation. */
export function dedupeEntities(request: GatewayGraphQLRequest): DedupedEntities | null {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  // uniqueIndex[i]: where the original representation i went.
  const uniqueIndex = representations.map((representation: unknown) => {
    const identity = JSON.stringify(representation);
    let index = indexOf.get(identity);
    if (index === undefined) {
      index = unique.push(representation) - 1;
      indexOf.set(identity, index);
    }
    return index;
  });
  if (unique.length === representations.length) return null;
  const askedBy: number[][] = unique.map(() => []);
  uniqueIndex.forEach((index, original) => askedBy[index]!.push(original));
  return {
    request: { ...request, variables: { ...request.variables, representations: unique } },
    fanOut(response) {
      const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
      // The plan merges later fetches into each position (and rewrites them in place): every
      // position but the first gets its own copy.
      const handedOut = new Set<number>();
      const fannedOut = () =>
        uniqueIndex.map((index) => {
          const entity = (entities as unknown[])[index];
          if (!handedOut.has(index)) {
            handedOut.add(index);
            return entity;
          }
          return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
        });
      const data = Array.isArray(entities) && entities.length === unique.length ? { ...response.data, _entities: fannedOut() } : response.data;
      const errors = response.errors?.flatMap((error) => {
        const [root, index, ...rest] = error.path ?? [];
        if (root !== '_entities' || typeof index !== 'number' || !askedBy[index]) return [error];
        return askedBy[index].map((original) => ({ ...error, path: ['_entities', original, ...rest] }) as typeof error);
      });
      return { ...response, data, ...(errors ? { errors } : {}) };
    },
  };
}
