import { intFromEnv, parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const documentsEnv = z.object({
  /** Where the web app lives: review links in e-mail open `<APP_URL>/review?token=…`. */
  APP_URL: z.url().default('http://localhost:5173'),
  /** Bad review tokens (unknown, expired, revoked) one client address may present per window before RATE_LIMITED. */
  DOCUMENT_REVIEW_FAILURES_PER_ADDRESS: intFromEnv(20),
  DOCUMENT_REVIEW_FAILURE_WINDOW_SECONDS: intFromEnv(15 * 60),
});

export type DocumentsConfig = z.output<typeof documentsEnv>;

export const parseDocumentsConfig = (env: NodeJS.ProcessEnv): DocumentsConfig => parseEnv('documents', documentsEnv, env);
