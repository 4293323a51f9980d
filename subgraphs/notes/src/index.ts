export { notesSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { NotesServices } from './services.js';
