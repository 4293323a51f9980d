import { apiKeyScopesFromEnv, declaredScopes, encryptionKeySchema, intFromEnv, parseEnv, privateJwkSchema, publicJwksSchema } from '@cellgraph/kernel';
import { z } from 'zod';
import { identityKeyAccess } from './api-key/key-access.js';

const identityEnv = z.object({
  /** The access-token signing key (Ed25519 private JWK). */
  AUTH_SIGNING_KEY: privateJwkSchema,
  /**
   * Public keys of earlier signing keys (JWKS), published beside the current one until the tokens
   * they signed have expired. Rotation: move the current public key here, set a new signing key.
   */
  AUTH_PREVIOUS_PUBLIC_KEYS: publicJwksSchema.optional(),
  ACCESS_TOKEN_TTL_SECONDS: intFromEnv(15 * 60),
  REFRESH_TOKEN_TTL_DAYS: intFromEnv(30),
  /** Encrypts TOTP seeds and keys backup-code digests (32 bytes, base64). */
  IDENTITY_ENCRYPTION_KEY: encryptionKeySchema,
  /** Where the web app lives, for links in e-mail. */
  APP_URL: z.url().default('http://localhost:5173'),
  LOGIN_MAX_FAILURES: intFromEnv(5),
  LOGIN_LOCKOUT_SECONDS: intFromEnv(15 * 60),
  LOGIN_ATTEMPTS_PER_WINDOW: intFromEnv(30),
  LOGIN_WINDOW_SECONDS: intFromEnv(15 * 60),
  /** Different e-mails whose sign-in may fail from one client address per window (password spraying). */
  LOGIN_FAILED_EMAILS_PER_ADDRESS: intFromEnv(20),
  LOGIN_ADDRESS_WINDOW_SECONDS: intFromEnv(15 * 60),
  /** The cell's API-key scope registry (set by the cell from its subgraphs' declarations); alone, identity's own. */
  CELL_API_KEY_SCOPES: apiKeyScopesFromEnv.default(declaredScopes(identityKeyAccess)),
});

export type IdentityConfig = z.output<typeof identityEnv>;

export const parseIdentityConfig = (env: NodeJS.ProcessEnv): IdentityConfig => parseEnv('identity', identityEnv, env);
