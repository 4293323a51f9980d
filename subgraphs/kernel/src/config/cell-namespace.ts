import { z } from 'zod';

/*
 * A cell instance's own corner of shared infrastructure: cells on one Redis or one Postgres server
 * never see each other's keys, queues, channels or tables. Both names derive from the cell's name
 * and its instance (several instances of one cell may run on one machine).
 */

const namePart = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes, starting with a letter');

export const cellNamespaceEnv = z.object({
  /** The cell this process belongs to (schema/cells/<name>). */
  CELL_NAME: namePart.optional(),
  /** Which instance of the cell (e.g. `main`, `staging`, a test's random id). */
  CELL_INSTANCE: namePart.default('main'),
  /** Overrides the derived Redis prefix of every key, queue and channel of the cell. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .optional(),
});

/** `cellgraph:<cell>:<instance>`: prefix of the instance's Redis keys, BullMQ queues and pub/sub channels. */
export function cellKeyPrefix(cell: string, instance = 'main'): string {
  return `cellgraph:${cell}:${instance}`;
}

/** `cellgraph_<cell>_<instance>`: the instance's database (dashes become underscores). */
export function cellDatabaseName(cell: string, instance = 'main'): string {
  return `cellgraph_${cell}_${instance}`.replaceAll('-', '_');
}

/** The Redis prefix a process parsed with `cellNamespaceEnv` uses; a cell name is required unless a prefix is given. */
export function redisKeyPrefixOf(config: z.output<typeof cellNamespaceEnv>): string {
  if (config.REDIS_KEY_PREFIX) return config.REDIS_KEY_PREFIX;
  if (!config.CELL_NAME) throw new Error('unreachable: cellNamespaceEnv requires CELL_NAME without REDIS_KEY_PREFIX');
  return cellKeyPrefix(config.CELL_NAME, config.CELL_INSTANCE);
}

/** The refinement every process's model adds: without a prefix, the cell's name is needed to derive one. */
export const requireCellName = (config: { CELL_NAME?: string; REDIS_KEY_PREFIX?: string }, ctx: z.RefinementCtx) => {
  if (!config.CELL_NAME && !config.REDIS_KEY_PREFIX) {
    ctx.addIssue({ code: 'custom', path: ['CELL_NAME'], message: 'is required (the cell’s name; it namespaces Redis), unless REDIS_KEY_PREFIX is set' });
  }
};
