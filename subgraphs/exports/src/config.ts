import { parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const exportsEnv = z.object({
  /** Rows the job asks the graph for at a time: 1 to 100 (the connections' maximum). */
  EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  /** The row count is saved and `data_export.progressed` emitted whenever this many more rows were written. */
  EXPORT_PROGRESS_EVERY_ROWS: z.coerce.number().int().positive().default(5_000),
});

export type ExportsConfig = z.output<typeof exportsEnv>;

export const parseExportsConfig = (env: NodeJS.ProcessEnv): ExportsConfig => parseEnv('exports', exportsEnv, env);
