import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { notesSubgraph } from './subgraph.js';

// Serves notes alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('notes');
const host = await serveSubgraphs([notesSubgraph]);
logger.info({ url: `${host.url}/notes/graphql` }, 'notes subgraph listening');
stopOnSignals(host.stop, logger);
