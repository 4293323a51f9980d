import { readFileSync } from 'node:fs';
import { CellError, readManifest, resolveSubgraphs, type SubgraphDependencies } from '../scripts/runtime/cell-manifest.js';
import { catalogFactsPath, CELLS_DIR } from '../scripts/runtime/cell-paths.js';

export { CellError };

/** What the program knows of a subgraph: schema/subgraphs/catalog.json, written by `npm run compose`. */
export interface SubgraphFacts extends SubgraphDependencies {
  readonly description: string;
  /** Environment variables holding its secrets (e.g. identity's AUTH_SIGNING_KEY). */
  readonly secrets: readonly string[];
  /** Its BullMQ queues (`<name>-events`, `<name>-jobs`). */
  readonly queues: readonly string[];
}

export type SubgraphCatalog = Readonly<Record<string, SubgraphFacts>>;

/** A cell as the program deploys it: the manifest's subgraphs, checked and ordered (dependencies first). */
export interface CellManifest {
  readonly name: string;
  readonly description: string;
  readonly subgraphs: readonly SubgraphFacts[];
}

/** The committed catalog facts (light: no subgraph is loaded). */
export function readCatalog(path = catalogFactsPath): SubgraphCatalog {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SubgraphCatalog;
  } catch (error) {
    throw new CellError(`Cannot read the subgraph catalog ${path} (${(error as Error).message}): run npm run compose`);
  }
}

/**
 * Reads `schema/cells/<cell>/cell.json` and checks it with the repository's own rules
 * (scripts/runtime/cell-manifest.ts, as `npm run compose` does): an unknown subgraph or a missing
 * dependency throws a CellError naming it, before the program declares anything.
 */
export function loadCellManifest(cell: string, options: { cellsDir?: string; catalog?: SubgraphCatalog } = {}): CellManifest {
  const manifest = readManifest(options.cellsDir ?? CELLS_DIR, cell);
  const catalog = options.catalog ?? readCatalog();
  return { name: cell, description: manifest.description, subgraphs: resolveSubgraphs(cell, manifest.subgraphs, catalog) };
}
