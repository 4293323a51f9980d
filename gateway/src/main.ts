import { closeServer, createLogger, listen, stopOnSignals } from '@cellgraph/kernel/core';
import { parseGatewayConfig } from './config.js';
import { createGateway } from './server.js';

const logger = createLogger('gateway');
const config = parseGatewayConfig();
const gateway = await createGateway(config, logger);
const { server, url } = await listen(gateway.app, config.PORT, config.HOST);
gateway.attach(server);
logger.info({ url: `${url}/graphql` }, 'gateway listening');
stopOnSignals(async () => {
  const closing = closeServer(server);
  await gateway.stop(); // ends the subscriptions' sockets, which the server waits for
  await closing;
}, logger);
