import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** The notifications subgraph's own variables (see README). */
export const notificationsEnv = z.object({
  /** Where push notifications go: `file` (a JSON-lines sink; providers such as FCM plug in behind PushProvider). */
  PUSH_PROVIDER: z.enum(['file']).default('file'),
  /** The file sink's directory (push.jsonl in it). */
  PUSH_SINK_DIR: z.string().min(1).default(join(tmpdir(), 'cellgraph-push')),
});
