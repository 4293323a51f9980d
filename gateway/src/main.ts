import { createLogger, drainServer, listen, shutdownDrainDelayMs, stopOnSignals } from '@cellgraph/kernel/core';
import { parseGatewayConfig } from './config.js';
import { createGateway } from './server.js';

const logger = createLogger('gateway');
const config = parseGatewayConfig();
const gateway = await createGateway(config, logger);
const { server, url } = await listen(gateway.app, config.PORT, config.HOST);
gateway.attach(server);
logger.info({ url: `${url}/graphql` }, 'gateway listening');
// Readiness 503, SHUTDOWN_DRAIN_DELAY_MS, listener closed, in-flight requests finished and sockets
// closed with 1012; only then the gateway itself (see the kernel's shutdown.ts).
stopOnSignals(async () => {
  await drainServer(server, { delayMs: shutdownDrainDelayMs(), onClose: gateway.closeSubscriptions });
  await gateway.stop();
}, logger);
