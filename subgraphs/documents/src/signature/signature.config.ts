import { join } from 'node:path';
import { parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const signatureEnv = z.object({
  /** Shared with the provider: webhooks are signed with it (HMAC-SHA256). Generated with the cell's keys. */
  SIGNATURE_WEBHOOK_SECRET: z.string().min(32, 'SIGNATURE_WEBHOOK_SECRET must be at least 32 characters').optional(),
  NODE_ENV: z.string().optional(),
  /** The local provider's directory of envelopes; default: `signatures` in the mail sink's directory. */
  SIGNATURE_SINK_DIR: z.string().optional(),
  EMAIL_SINK_DIR: z.string().default('.cellgraph/mail'),
  /** The gateway's public base URL (signing links, the webhook); default: GRAPH_URL without /graphql. */
  SIGNATURE_PUBLIC_URL: z.string().url().optional(),
  GRAPH_URL: z.string().url().optional(),
});

const DEVELOPMENT_SECRET = 'development-only signature webhook secret';

export interface SignatureConfig {
  webhookSecret: string;
  sinkDir: string;
  publicUrl: string;
}

export function parseSignatureConfig(env: NodeJS.ProcessEnv): SignatureConfig {
  const config = parseEnv('documents signatures', signatureEnv, env);
  // A known secret is acceptable only where nothing real is signed: development and tests.
  const webhookSecret = config.SIGNATURE_WEBHOOK_SECRET ?? (['development', 'test'].includes(config.NODE_ENV ?? '') ? DEVELOPMENT_SECRET : null);
  if (!webhookSecret) throw new Error('Invalid documents signatures configuration: SIGNATURE_WEBHOOK_SECRET is required (at least 32 characters)');
  const publicUrl = config.SIGNATURE_PUBLIC_URL ?? config.GRAPH_URL?.replace(/\/graphql\/?$/, '') ?? 'http://127.0.0.1:4000';
  return { webhookSecret, sinkDir: config.SIGNATURE_SINK_DIR ?? join(config.EMAIL_SINK_DIR, 'signatures'), publicUrl: publicUrl.replace(/\/$/, '') };
}
