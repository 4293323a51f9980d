import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { documentsSubgraph } from './subgraph.js';

// Serves documents alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('documents');
const host = await serveSubgraphs([documentsSubgraph]);
logger.info({ url: `${host.url}/documents/graphql` }, 'documents subgraph listening');
stopOnSignals(host.stop, logger);
