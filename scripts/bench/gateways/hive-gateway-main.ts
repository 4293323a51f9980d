/**
 * Hive Gateway (@graphql-hive/gateway, The Guild) as its own process, defaults kept except logs:
 * its runtime with the supergraph SDL, served by node:http on /graphql. `SUPERGRAPH_PATH=… PORT=…`.
 */
import { createServer, type RequestListener } from 'node:http';
import { readFileSync } from 'node:fs';

// Imported by a name TypeScript does not follow: the package's types pull in graphql-yoga's
// augmentation of GraphQLErrorExtensions (`http.headers` as a plain record), which would change
// how the gateway's own sources type-check.
const HIVE_GATEWAY: string = '@graphql-hive/gateway';
const { createGatewayRuntime } = (await import(HIVE_GATEWAY)) as {
  createGatewayRuntime(config: { supergraph: string; logging: string }): RequestListener;
};

const gateway = createGatewayRuntime({ supergraph: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'), logging: 'error' });
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${process.env.PORT}/graphql`));
