import {
  generateEncryptionKey,
  generateInternalContextSecret,
  generateSigningKeyPair,
  internalContextKeysEnv,
  type PrivateSigningJwk,
  type PublicJwks,
} from '@cellgraph/kernel/core';
import { catalog } from './catalog.js';

/**
 * The secrets of a cell: the gateway's internal-context secret (each subgraph gets only the key
 * derived from it for itself), the access-token key pair, identity's encryption key, documents' signature webhook secret, finance's payment webhook secret
 * and the key sealing the webhooks module's endpoint secrets. (The gateway
 * learns the access-token public keys from identity.)
 */
export interface CellKeys {
  internalContextSecret: string;
  auth: { privateJwk: PrivateSigningJwk; jwks: PublicJwks };
  encryptionKey: string;
  /** Documents' e-signature webhooks are signed with it (shared with the provider). */
  signatureWebhookSecret: string;
  /** Finance's payment-provider webhooks are signed with it (shared with the provider). */
  paymentWebhookSecret: string;
  /** Seals the signing secrets of the webhooks module's endpoints at rest. */
  webhookEncryptionKey: string;
}

export async function generateCellKeys(): Promise<CellKeys> {
  const auth = await generateSigningKeyPair();
  return {
    internalContextSecret: generateInternalContextSecret(),
    auth: { privateJwk: auth.privateJwk, jwks: { keys: [auth.publicJwk] } },
    encryptionKey: generateEncryptionKey(),
    signatureWebhookSecret: generateEncryptionKey(),
    paymentWebhookSecret: generateEncryptionKey(),
    webhookEncryptionKey: generateEncryptionKey(),
  };
}

/** What every process of the cell reads (identity's services are built by hosts, the worker and migrate alike). */
export function sharedKeysEnv(keys: CellKeys): Record<string, string> {
  return {
    AUTH_SIGNING_KEY: JSON.stringify(keys.auth.privateJwk),
    IDENTITY_ENCRYPTION_KEY: keys.encryptionKey,
    SIGNATURE_WEBHOOK_SECRET: keys.signatureWebhookSecret,
    PAYMENT_WEBHOOK_SECRET: keys.paymentWebhookSecret,
    WEBHOOK_ENCRYPTION_KEY: keys.webhookEncryptionKey,
  };
}

/** The gateway's secret. */
export function gatewayKeysEnv(keys: CellKeys): Record<string, string> {
  return { INTERNAL_CONTEXT_SECRET: keys.internalContextSecret };
}

/** INTERNAL_CONTEXT_KEY_<NAME> of each subgraph in `names`: a host serving them holds these keys only. */
export function subgraphKeysEnv(keys: CellKeys, names: readonly string[]): Record<string, string> {
  return internalContextKeysEnv(Buffer.from(keys.internalContextSecret, 'base64url'), names);
}

/** Every key as the environment variables the gateway and subgraphs read (one process or one env file for all). */
export function keysEnv(keys: CellKeys): Record<string, string> {
  return { ...gatewayKeysEnv(keys), ...subgraphKeysEnv(keys, Object.keys(catalog)), ...sharedKeysEnv(keys) };
}
