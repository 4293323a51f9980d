import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';

type GatewayGraphQLRequest = GraphQLDataSourceProcessOptions['request'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Keeps the concrete `__typename` of the entities an `_entities` fetch adds fields to.
 *
 * A subgraph that declares `Node` as an `@interfaceObject` (collaboration, notes, files) is sent
 * `{ __typename: "Node", id }` for a Task, and answers `__typename: "Node"` when the plan asks for
 * it (it does when the client selected `__typename` next to such a field, as Apollo Client always
 * does). @apollo/gateway merges that answer over the Task it had, and the API then sees an object
 * typed `Node`, an interface: it silently made `task(id:) { __typename activity { … } id }` null.
 * An entity's `__typename` that only repeats its representation's tells the gateway nothing, so it
 * is dropped; the gateway then keeps the type it already knew (executeQueryPlan fills a missing
 * `__typename` from the entity it merges into).
 */
export function keepEntityTypenames(request: GatewayGraphQLRequest, response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const representations = request.variables?.representations;
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  if (!Array.isArray(representations) || !Array.isArray(entities) || entities.length !== representations.length) return response;
  entities.forEach((entity: unknown, index) => {
    const asked = (representations[index] as { __typename?: unknown } | null)?.__typename;
    if (entity && typeof entity === 'object' && (entity as { __typename?: unknown }).__typename === asked)
      delete (entity as { __typename?: unknown }).__typename;
  });
  return response;
}
