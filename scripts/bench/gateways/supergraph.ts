import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, subgraphSdl, type SubgraphName } from './subgraphs.js';

/** The benchmark's supergraph, composed now with @apollo/composition, with each subgraph's URL. */
export function composeBenchSupergraph(urls: Record<SubgraphName, string>): string {
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(subgraphSdl(name)) })));
  if (result.errors) throw new Error(`the benchmark supergraph does not compose:\n${result.errors.map((error) => error.message).join('\n')}`);
  return result.supergraphSdl;
}
