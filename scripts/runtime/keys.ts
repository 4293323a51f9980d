import { generateEncryptionKey, generateSigningKeyPair, type PrivateSigningJwk, type PublicJwks } from '@cellgraph/kernel/core';

/**
 * The secrets of a cell: the gateway's internal-context key pair, the access-token key pair and
 * identity's encryption key. (The gateway learns the access-token public keys from identity.)
 */
export interface CellKeys {
  internal: { privateJwk: PrivateSigningJwk; jwks: PublicJwks };
  auth: { privateJwk: PrivateSigningJwk; jwks: PublicJwks };
  encryptionKey: string;
}

export async function generateCellKeys(): Promise<CellKeys> {
  const internal = await generateSigningKeyPair();
  const auth = await generateSigningKeyPair();
  return {
    internal: { privateJwk: internal.privateJwk, jwks: { keys: [internal.publicJwk] } },
    auth: { privateJwk: auth.privateJwk, jwks: { keys: [auth.publicJwk] } },
    encryptionKey: generateEncryptionKey(),
  };
}

/** The keys as the environment variables the gateway and subgraphs read. */
export function keysEnv(keys: CellKeys): Record<string, string> {
  return {
    INTERNAL_SIGNING_KEY: JSON.stringify(keys.internal.privateJwk),
    INTERNAL_VERIFY_KEYS: JSON.stringify(keys.internal.jwks),
    AUTH_SIGNING_KEY: JSON.stringify(keys.auth.privateJwk),
    IDENTITY_ENCRYPTION_KEY: keys.encryptionKey,
  };
}
