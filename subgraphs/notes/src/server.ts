import { createSubgraphServer, type SubgraphServer, type SubgraphServerOptions } from '@cellgraph/kernel';
import type { NotesServices } from './services.js';
import { notesSubgraph } from './subgraph.js';

/** Builds the notes subgraph (no port: mount its router on a host). */
export function createServer(options: SubgraphServerOptions): Promise<SubgraphServer<NotesServices>> {
  return createSubgraphServer(notesSubgraph, options);
}
