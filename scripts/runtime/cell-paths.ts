import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's schema/, found upwards from here: from the sources (scripts/runtime/) and from the build (build/scripts/runtime/) alike. */
function findSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schema', 'cells'))) return join(dir, 'schema/');
    if (dirname(dir) === dir) throw new Error(`No schema/cells/ above ${from}`);
  }
}

// Where the committed schema lives (light: the gateway service reads these without loading any subgraph).
export const SCHEMA_DIR = findSchemaDir(dirname(fileURLToPath(import.meta.url)));
export const CELLS_DIR = join(SCHEMA_DIR, 'cells');

export const supergraphPath = (cell: string) => join(CELLS_DIR, cell, 'supergraph.graphql');
export const apiSchemaPath = (cell: string) => join(CELLS_DIR, cell, 'schema.graphql');
export const nodeSubgraphPath = (cell: string) => join(CELLS_DIR, cell, 'node.graphql');
export const liveEventsPath = (cell: string) => join(CELLS_DIR, cell, 'live-events.json');
/** The cell's event catalog (webhooks: WEBHOOK_EVENT_CATALOG_PATH). */
export const eventCatalogPath = (cell: string) => join(CELLS_DIR, cell, 'events.json');
export const nodeOwnersPath = (cell: string) => join(CELLS_DIR, cell, 'node-owners.json');
/** The facts a deployment needs of every subgraph (scripts/runtime/cells.ts, `catalogFactsJson`). */
export const catalogFactsPath = join(SCHEMA_DIR, 'subgraphs', 'catalog.json');
