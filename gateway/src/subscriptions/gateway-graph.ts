import type { ApolloGateway, GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import type { Schema } from '@apollo/federation-internals';
import type { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';

/** What the gateway built from a supergraph and subscriptions plan over too. */
export interface LoadedGraph {
  planner: QueryPlanner;
  supergraphSchema: GraphQLSchema;
  apiSchema: Schema;
  services: ServiceMap;
}

/** ApolloGateway 2.14's own fields, private in its typings (read, never written). */
interface GatewayInternals {
  queryPlanner?: QueryPlanner;
  supergraphSchema?: GraphQLSchema;
  apiSchema?: Schema;
  serviceMap?: Record<string, { dataSource: GraphQLDataSource }>;
}

/**
 * The planner, schemas and data sources the gateway holds for its current supergraph, read when
 * it announces a load or update: a second copy for subscriptions cost tens of MB. Null when a
 * version of @apollo/gateway no longer has them (then the engine builds its own).
 */
export function loadedGraphOf(gateway: ApolloGateway): LoadedGraph | null {
  const { queryPlanner, supergraphSchema, apiSchema, serviceMap } = gateway as unknown as GatewayInternals;
  if (!queryPlanner || !supergraphSchema || !apiSchema || !serviceMap) return null;
  const services: ServiceMap = {};
  for (const [name, { dataSource }] of Object.entries(serviceMap)) services[name] = dataSource;
  return { planner: queryPlanner, supergraphSchema, apiSchema, services };
}
