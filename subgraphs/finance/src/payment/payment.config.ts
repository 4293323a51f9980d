import { join } from 'node:path';
import { parseEnv } from '@cellgraph/kernel';
import { z } from 'zod';

const paymentEnv = z.object({
  /** Shared with the provider: its webhooks are signed with it (Stripe-Signature, HMAC-SHA256). Generated with the cell's keys. */
  PAYMENT_WEBHOOK_SECRET: z.string().min(32, 'PAYMENT_WEBHOOK_SECRET must be at least 32 characters').optional(),
  NODE_ENV: z.string().optional(),
  /** The local provider's directory of intents; default: `payments` in the mail sink's directory. */
  PAYMENT_SIMULATOR_DIR: z.string().optional(),
  EMAIL_SINK_DIR: z.string().default('.cellgraph/mail'),
  /** The gateway's public base URL (the hosted payment page, the webhook); default: GRAPH_URL without /graphql. */
  PAYMENT_PUBLIC_URL: z.string().url().optional(),
  GRAPH_URL: z.string().url().optional(),
});

const DEVELOPMENT_SECRET = 'development-only payment webhook secret';

export interface PaymentConfig {
  webhookSecret: string;
  dir: string;
  publicUrl: string;
}

export function parsePaymentConfig(env: NodeJS.ProcessEnv): PaymentConfig {
  const config = parseEnv('finance payments', paymentEnv, env);
  // A known secret is acceptable only where no real money moves: development and tests.
  const webhookSecret = config.PAYMENT_WEBHOOK_SECRET ?? (['development', 'test'].includes(config.NODE_ENV ?? '') ? DEVELOPMENT_SECRET : null);
  if (!webhookSecret) throw new Error('Invalid finance payments configuration: PAYMENT_WEBHOOK_SECRET is required (at least 32 characters)');
  const publicUrl = config.PAYMENT_PUBLIC_URL ?? config.GRAPH_URL?.replace(/\/graphql\/?$/, '') ?? 'http://127.0.0.1:4000';
  return { webhookSecret, dir: config.PAYMENT_SIMULATOR_DIR ?? join(config.EMAIL_SINK_DIR, 'payments'), publicUrl: publicUrl.replace(/\/$/, '') };
}
