import { join } from 'node:path';

// Where the committed schema lives, relative to this file (light: the gateway service reads these without loading any subgraph).
export const SCHEMA_DIR = new URL('../../schema/', import.meta.url).pathname;
export const CELLS_DIR = join(SCHEMA_DIR, 'cells');

export const supergraphPath = (cell: string) => join(CELLS_DIR, cell, 'supergraph.graphql');
export const apiSchemaPath = (cell: string) => join(CELLS_DIR, cell, 'schema.graphql');
export const nodeSubgraphPath = (cell: string) => join(CELLS_DIR, cell, 'node.graphql');
export const liveEventsPath = (cell: string) => join(CELLS_DIR, cell, 'live-events.json');
export const nodeOwnersPath = (cell: string) => join(CELLS_DIR, cell, 'node-owners.json');
