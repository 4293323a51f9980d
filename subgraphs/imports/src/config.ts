import { intFromEnv, parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';
import type { ImportLimits } from './data-import/data-import.service.js';

const importsEnv = z.object({
  /** The largest file an import reads (MB). */
  IMPORT_MAX_FILE_MB: intFromEnv(20),
  /** The most rows one import holds. */
  IMPORT_MAX_ROWS: intFromEnv(20_000),
  /** Rows per batch (the progress is written and pushed after each). */
  IMPORT_BATCH_SIZE: intFromEnv(50),
  /** Rows of a batch sent to the owning module at once. */
  IMPORT_CONCURRENCY: intFromEnv(4),
});

/** The imports module's limits, from its environment (fail fast). */
export function importLimits(env: NodeJS.ProcessEnv): ImportLimits {
  const config = parseEnv('imports', importsEnv, env);
  return {
    maxFileBytes: config.IMPORT_MAX_FILE_MB * 1_048_576,
    maxRows: config.IMPORT_MAX_ROWS,
    batchSize: config.IMPORT_BATCH_SIZE,
    concurrency: config.IMPORT_CONCURRENCY,
  };
}
