import { eventQueueName, jobQueueName, type AnySubgraphDefinition } from '@cellgraph/kernel';
import { catalog } from './catalog.js';
import { CELLS_DIR } from './cell-paths.js';
import { cellNamesIn, readManifest, resolveSubgraphs as resolveIn } from './cell-manifest.js';

export * from './cell-paths.js';
export { CellError } from './cell-manifest.js';

export interface Cell {
  name: string;
  description: string;
  /** The cell's subgraphs, dependencies first. */
  subgraphs: AnySubgraphDefinition[];
}

export function cellNames(): string[] {
  return cellNamesIn(CELLS_DIR);
}

/** Reads and validates `schema/cells/<name>/cell.json`. */
export function loadCell(name: string): Cell {
  const manifest = readManifest(CELLS_DIR, name);
  return { name, description: manifest.description, subgraphs: resolveSubgraphs(name, manifest.subgraphs) };
}

/**
 * The definitions of `names`, checked: every name is a known subgraph, listed once, and every
 * dependency is enabled too. Ordered so that dependencies come first.
 */
export function resolveSubgraphs(cell: string, names: readonly string[]): AnySubgraphDefinition[] {
  return resolveIn(cell, names, catalog);
}

/**
 * What a deployment needs to know of a subgraph without loading it, written by `npm run compose` to
 * schema/subgraphs/catalog.json (kept current by `compose:check`) and read by the Pulumi program.
 */
export interface SubgraphFacts {
  name: string;
  description: string;
  dependsOn: string[];
  /** Environment variables holding secrets its services read (given only to its processes). */
  secrets: string[];
  /** Its BullMQ queues: `<name>-events` when it consumes events, `<name>-jobs` when it has jobs or schedules. */
  queues: string[];
}

export function subgraphFacts(definition: AnySubgraphDefinition): SubgraphFacts {
  const queues = [
    ...(definition.consumes?.length ? [eventQueueName(definition.name)] : []),
    ...(definition.jobs || definition.schedules?.length ? [jobQueueName(definition.name)] : []),
  ];
  return {
    name: definition.name,
    description: definition.description,
    dependsOn: [...definition.dependsOn],
    secrets: [...(definition.secrets ?? [])],
    queues,
  };
}

/** schema/subgraphs/catalog.json: the facts of every subgraph of the catalog, by name. */
export function catalogFactsJson(): string {
  return `${JSON.stringify(Object.fromEntries(Object.entries(catalog).map(([name, definition]) => [name, subgraphFacts(definition)])), null, 2)}\n`;
}
