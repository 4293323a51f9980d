import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Cell manifests (`schema/cells/<name>/cell.json`) read and checked without loading any subgraph:
 * the one implementation behind `loadCell` (scripts/runtime/cells.ts, with the subgraph catalog)
 * and the Pulumi program (infra-pulumi/, with the catalog's facts from schema/subgraphs/catalog.json).
 */

export const CELL_NAME = /^[a-z][a-z0-9-]*$/;

const manifestSchema = z.object({
  description: z.string().min(1),
  subgraphs: z.array(z.string()).min(1),
});

export type CellManifest = z.output<typeof manifestSchema>;

/** What the checks need of a subgraph: its name and the subgraphs it needs in the same cell. */
export interface SubgraphDependencies {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

export class CellError extends Error {
  override name = 'CellError';
}

/** The cells of `cellsDir` (its folders), sorted. */
export function cellNamesIn(cellsDir: string): string[] {
  return readdirSync(cellsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Reads and validates `<cellsDir>/<name>/cell.json` (its shape only: see resolveSubgraphs for the names). */
export function readManifest(cellsDir: string, name: string): CellManifest {
  if (!CELL_NAME.test(name)) throw new CellError(`Invalid cell name: ${JSON.stringify(name)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(cellsDir, name, 'cell.json'), 'utf8'));
  } catch (error) {
    throw new CellError(`Cell ${name}: cannot read schema/cells/${name}/cell.json (${(error as Error).message}). Cells: ${cellNamesIn(cellsDir).join(', ')}`);
  }
  return parseManifest(name, raw);
}

/** A manifest's JSON, checked against the manifest's shape. */
export function parseManifest(name: string, raw: unknown): CellManifest {
  const manifest = manifestSchema.safeParse(raw);
  if (!manifest.success) throw new CellError(`Cell ${name}: invalid cell.json: ${manifest.error.message}`);
  return manifest.data;
}

/**
 * The entries of `catalog` that `names` lists, checked: every name is a known subgraph, listed once,
 * and every dependency is enabled too. Ordered so that dependencies come first.
 */
export function resolveSubgraphs<T extends SubgraphDependencies>(cell: string, names: readonly string[], catalog: Readonly<Record<string, T>>): T[] {
  const enabled = new Set(names);
  if (enabled.size !== names.length) throw new CellError(`Cell ${cell}: a subgraph is listed twice`);
  for (const name of names) {
    const definition = Object.hasOwn(catalog, name) ? catalog[name] : undefined;
    if (!definition) throw new CellError(`Cell ${cell}: unknown subgraph ${name} (known: ${Object.keys(catalog).join(', ')})`);
    const missing = definition.dependsOn.filter((dependency) => !enabled.has(dependency));
    if (missing.length) throw new CellError(`Cell ${cell}: subgraph ${name} needs ${missing.join(', ')}, which the cell does not enable`);
  }
  const ordered: T[] = [];
  const visit = (name: string) => {
    const definition = catalog[name]!;
    if (ordered.includes(definition)) return;
    definition.dependsOn.forEach(visit);
    ordered.push(definition);
  };
  names.forEach(visit);
  return ordered;
}
