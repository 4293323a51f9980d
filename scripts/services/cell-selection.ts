import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnv } from '@cellgraph/kernel/core';
import { z } from 'zod';
import { CELLS_DIR } from '../runtime/cell-paths.js';

const cellEnv = z.object({
  /** The cell this process belongs to (`schema/cells/<CELL>/cell.json`). */
  CELL: z
    .string()
    .default('all')
    .refine((name) => /^[a-z][a-z0-9-]*$/.test(name), 'must be a cell name (lower-case letters, digits and dashes)')
    .refine((name) => existsSync(join(CELLS_DIR, name, 'cell.json')), 'names no cell of schema/cells/'),
});

/** CELL, checked against the committed cells (light: reads no subgraph). */
export const cellNameFrom = (env: NodeJS.ProcessEnv): string => parseEnv('service', cellEnv, env).CELL;

/**
 * The subgraphs `variable` (a comma list, e.g. SUBGRAPHS) names among `available` (the cell's, in
 * its order); all of them when it is unset or empty. An unknown name fails with the variable's name.
 */
export function selectSubgraphs<T extends { name: string }>(available: readonly T[], variable: string, env: NodeJS.ProcessEnv): T[] {
  const names = (env[variable] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (!names.length) return [...available];
  const unknown = names.filter((name) => !available.some((definition) => definition.name === name));
  if (unknown.length) {
    throw new ConfigError(
      `Invalid service configuration:\n  - ${variable}: the cell has no subgraph ${unknown.join(', ')} (it has ${available.map((d) => d.name).join(', ')})`,
    );
  }
  return available.filter((definition) => names.includes(definition.name));
}
