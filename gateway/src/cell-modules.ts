import { existsSync, readFileSync } from 'node:fs';
import { NODE_SUBGRAPH } from '@cellgraph/kernel/core';
import { subgraphNames } from './supergraph-file.js';

/** What `cell` answers: the cell's name and the modules it serves. */
export interface CellDescription {
  name: string;
  modules: { name: string }[];
}

/**
 * The modules of the supergraph being served (without the gateway's own node subgraph), in the
 * order of the cell's manifest (`cell.json` beside the supergraph: composition sorts subgraphs by
 * name); a subgraph the manifest does not list (a foreign supergraph) keeps the supergraph's order,
 * after those it lists.
 */
export function describeCell(name: string, supergraphSdl: string, manifestOrder: readonly string[]): CellDescription {
  const rank = (module: string) => (manifestOrder.includes(module) ? manifestOrder.indexOf(module) : manifestOrder.length);
  const modules = subgraphNames(supergraphSdl).filter((module) => module !== NODE_SUBGRAPH);
  return { name, modules: modules.sort((a, b) => rank(a) - rank(b)).map((module) => ({ name: module })) };
}

/** The subgraphs a cell manifest (`schema/cells/<cell>/cell.json`) lists; none when there is no manifest. */
export function readCellManifestOrder(path: string): string[] {
  if (!existsSync(path)) return [];
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { subgraphs?: unknown };
  return Array.isArray(manifest.subgraphs) ? manifest.subgraphs.filter((name): name is string => typeof name === 'string') : [];
}
