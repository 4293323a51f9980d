import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { notificationsSubgraph } from './subgraph.js';

// Serves notifications alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('notifications');
const host = await serveSubgraphs([notificationsSubgraph]);
logger.info({ url: `${host.url}/notifications/graphql` }, 'notifications subgraph listening');
stopOnSignals(host.stop, logger);
