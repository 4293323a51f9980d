import { intFromEnv, parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const sendEnv = z.object({
  /** Where the web app lives: invoice links in e-mail open `<APP_URL>/invoice?token=…`. */
  APP_URL: z.url().default('http://localhost:5173'),
  /** How long a sent invoice's public link works. */
  INVOICE_LINK_DAYS: intFromEnv(180),
  /** Bad invoice tokens one client address may present per window before RATE_LIMITED. */
  INVOICE_TOKEN_FAILURES_PER_ADDRESS: intFromEnv(20),
  INVOICE_TOKEN_FAILURE_WINDOW_SECONDS: intFromEnv(15 * 60),
});

export type InvoiceSendConfig = z.output<typeof sendEnv>;

export const parseInvoiceSendConfig = (env: NodeJS.ProcessEnv): InvoiceSendConfig => parseEnv('finance sending', sendEnv, env);
