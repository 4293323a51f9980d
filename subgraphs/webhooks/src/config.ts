import { encryptionKeySchema, intFromEnv, parseEnv } from '@cellgraph/kernel';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The default retry delays after each failed attempt: 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, 10 h (about 38 h in all). */
export const DEFAULT_RETRY_SCHEDULE_MS = [60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, 36_000_000];

const msList = z
  .string()
  .transform((value, context) => {
    const delays = value.split(',').map((part) => Number(part.trim()));
    if (!delays.length || delays.some((delay) => !Number.isInteger(delay) || delay < 0)) {
      context.addIssue({ code: 'custom', message: 'must be a comma list of delays in milliseconds (e.g. 60000,300000)' });
      return z.NEVER;
    }
    return delays;
  })
  .optional();

const webhooksEnv = z.object({
  /** The cell's event catalog (`schema/cells/<cell>/events.json`, written by `npm run compose`); the cell's launchers set it. */
  WEBHOOK_EVENT_CATALOG_PATH: z.string({ error: 'is required: the cell’s events.json (schema/cells/<cell>/events.json, npm run compose writes it)' }).min(1),
  /** Seals the endpoints' signing secrets at rest (32 bytes, base64); required in production. */
  WEBHOOK_ENCRYPTION_KEY: encryptionKeySchema.optional(),
  /** How long a receiver may take to answer one attempt. */
  WEBHOOK_TIMEOUT_MS: intFromEnv(10_000),
  /** Delays before each retry; the number of entries + 1 is the number of attempts. */
  WEBHOOK_RETRY_SCHEDULE_MS: msList,
  /** Each retry delay is varied by up to this fraction either way (so retries of many deliveries spread out). */
  WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(1).default(0.2),
  /** An endpoint is disabled after this many consecutive deliveries failed for good (every attempt). */
  WEBHOOK_DISABLE_AFTER_FAILURES: intFromEnv(15),
  /** How often a delivery waiting behind an earlier one for the same object looks again. */
  WEBHOOK_ORDER_RECHECK_MS: intFromEnv(10_000),
  /** How long the first attempt of an object's event waits, so earlier events of that object handled at the same moment are seen first. */
  WEBHOOK_ORDER_SETTLE_MS: z.coerce.number().int().min(0).default(1_000),
  /** `true`: URLs on private, loopback and other internal addresses (and plain http) are allowed; default: only outside production. */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().optional(),
});

export interface WebhooksConfig {
  catalogPath: string;
  encryptionKey: string;
  timeoutMs: number;
  retryScheduleMs: number[];
  retryJitter: number;
  disableAfterFailures: number;
  orderRecheckMs: number;
  orderSettleMs: number;
  /** Whether internal addresses and plain http are allowed (development and tests). */
  allowPrivateUrls: boolean;
}

const outsideProduction = (nodeEnv: string | undefined) => nodeEnv === 'development' || nodeEnv === 'test';

/** A fixed key for development and tests only (derived, so it is a valid 32-byte key). */
const DEVELOPMENT_KEY = createHash('sha256').update('cellgraph webhooks: development-only encryption key').digest('base64');

export function parseWebhooksConfig(env: NodeJS.ProcessEnv): WebhooksConfig {
  const config = parseEnv('webhooks', webhooksEnv, env);
  const encryptionKey = config.WEBHOOK_ENCRYPTION_KEY ?? (outsideProduction(config.NODE_ENV) ? DEVELOPMENT_KEY : null);
  if (!encryptionKey) throw new Error('Invalid webhooks configuration:\n  - WEBHOOK_ENCRYPTION_KEY: is required in production (32 random bytes, base64)');
  return {
    catalogPath: config.WEBHOOK_EVENT_CATALOG_PATH,
    encryptionKey,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    retryScheduleMs: config.WEBHOOK_RETRY_SCHEDULE_MS ?? DEFAULT_RETRY_SCHEDULE_MS,
    retryJitter: config.WEBHOOK_RETRY_JITTER,
    disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
    orderRecheckMs: config.WEBHOOK_ORDER_RECHECK_MS,
    orderSettleMs: config.WEBHOOK_ORDER_SETTLE_MS,
    allowPrivateUrls: config.WEBHOOK_ALLOW_PRIVATE_URLS ? config.WEBHOOK_ALLOW_PRIVATE_URLS === 'true' : outsideProduction(config.NODE_ENV),
  };
}
