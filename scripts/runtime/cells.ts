import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySubgraphDefinition } from '@cellgraph/kernel';
import { z } from 'zod';
import { catalog } from './catalog.js';

/** The repository's schema/, found upwards from here: from the sources (scripts/runtime/) and from the build (build/scripts/runtime/) alike. */
function findSchemaDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'schema', 'cells'))) return join(dir, 'schema/');
    if (dirname(dir) === dir) throw new Error(`No schema/cells/ above ${from}`);
  }
}

export const SCHEMA_DIR = findSchemaDir(dirname(fileURLToPath(import.meta.url)));
export const CELLS_DIR = join(SCHEMA_DIR, 'cells');

const manifestSchema = z.object({
  description: z.string().min(1),
  subgraphs: z.array(z.string()).min(1),
});

export interface Cell {
  name: string;
  description: string;
  /** The cell's subgraphs, dependencies first. */
  subgraphs: AnySubgraphDefinition[];
}

export class CellError extends Error {
  override name = 'CellError';
}

export const supergraphPath = (cell: string) => join(CELLS_DIR, cell, 'supergraph.graphql');
export const apiSchemaPath = (cell: string) => join(CELLS_DIR, cell, 'schema.graphql');
export const nodeSubgraphPath = (cell: string) => join(CELLS_DIR, cell, 'node.graphql');
export const liveEventsPath = (cell: string) => join(CELLS_DIR, cell, 'live-events.json');
export const nodeOwnersPath = (cell: string) => join(CELLS_DIR, cell, 'node-owners.json');

export function cellNames(): string[] {
  return readdirSync(CELLS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Reads and validates `schema/cells/<name>/cell.json`. */
export function loadCell(name: string): Cell {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new CellError(`Invalid cell name: ${JSON.stringify(name)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(CELLS_DIR, name, 'cell.json'), 'utf8'));
  } catch (error) {
    throw new CellError(`Cell ${name}: cannot read schema/cells/${name}/cell.json (${(error as Error).message}). Cells: ${cellNames().join(', ')}`);
  }
  const manifest = manifestSchema.safeParse(raw);
  if (!manifest.success) throw new CellError(`Cell ${name}: invalid cell.json: ${manifest.error.message}`);
  return { name, description: manifest.data.description, subgraphs: resolveSubgraphs(name, manifest.data.subgraphs) };
}

/**
 * The definitions of `names`, checked: every name is a known subgraph, listed once, and every
 * dependency is enabled too. Ordered so that dependencies come first.
 */
export function resolveSubgraphs(cell: string, names: readonly string[]): AnySubgraphDefinition[] {
  const enabled = new Set(names);
  if (enabled.size !== names.length) throw new CellError(`Cell ${cell}: a subgraph is listed twice`);
  for (const name of names) {
    const definition = catalog[name];
    if (!definition) throw new CellError(`Cell ${cell}: unknown subgraph ${name} (known: ${Object.keys(catalog).join(', ')})`);
    const missing = definition.dependsOn.filter((dependency) => !enabled.has(dependency));
    if (missing.length) throw new CellError(`Cell ${cell}: subgraph ${name} needs ${missing.join(', ')}, which the cell does not enable`);
  }
  const ordered: AnySubgraphDefinition[] = [];
  const visit = (name: string) => {
    const definition = catalog[name]!;
    if (ordered.includes(definition)) return;
    definition.dependsOn.forEach(visit);
    ordered.push(definition);
  };
  names.forEach(visit);
  return ordered;
}
