/**
 * Hive Gateway (@graphql-hive/gateway, The Guild) as its own process, defaults kept except logs:
 * its runtime with the supergraph SDL, served by node:http on /graphql. `SUPERGRAPH_PATH=… PORT=…`.
 * Plain JavaScript, so it runs as a deployed gateway would: no TypeScript loader in the process.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

const gateway = createGatewayRuntime({ supergraph: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'), logging: 'error' });
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${process.env.PORT}/graphql`));
