/**
 * Stock @apollo/gateway (the version in the lock file) as its own process, nothing added:
 * plain ApolloServer + ApolloGateway with the supergraph SDL. `SUPERGRAPH_PATH=… PORT=…`.
 * Plain JavaScript, so it runs as a deployed gateway would: no TypeScript loader in the process.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(process.env.PORT) } });
console.log(`listening ${url}`);
