/**
 * One subgraph of the gateways benchmark as its own process: `SUBGRAPH=<name> PORT=<port>`.
 * A plain @apollo/server + @apollo/subgraph service, as a foreign federation user would run it.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isSubgraphName, subgraphDefinition } from './subgraphs.js';

const name = process.env.SUBGRAPH;
if (!isSubgraphName(name)) throw new Error(`SUBGRAPH must name a benchmark subgraph, got ${JSON.stringify(name)}`);
const { typeDefs, resolvers } = subgraphDefinition(name);
const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env.PORT ?? 0) } });
console.log(`listening ${url}`);
