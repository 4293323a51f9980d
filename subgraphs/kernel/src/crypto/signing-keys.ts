import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { z } from 'zod';

/** An Ed25519 private key in JWK form, with its key id. */
export type PrivateSigningJwk = JWK & { kid: string; d: string };
export interface PublicJwks {
  keys: (JWK & { kid: string })[];
}

/** A variable holding JSON, parsed, then checked with `schema`. */
const jsonVariable = <S extends z.ZodType>(what: string, schema: S) =>
  z
    .string({ error: 'is required' })
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be ${what} (JSON)` });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const privateJwkSchema = jsonVariable(
  'an Ed25519 private JSON Web Key',
  z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string(), kid: z.string().min(1) }).loose(),
);

export const publicJwksSchema = jsonVariable(
  'a JSON Web Key Set',
  z.object({ keys: z.array(z.object({ kty: z.literal('OKP'), kid: z.string().min(1), x: z.string() }).loose()).min(1) }),
);

/** Generates an Ed25519 key pair for signing tokens (EdDSA), as JWKs. */
export async function generateSigningKeyPair(kid?: string): Promise<{ privateJwk: PrivateSigningJwk; publicJwk: JWK & { kid: string } }> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const keyId = kid ?? createHash('sha256').update(jwk.x!).digest('base64url').slice(0, 16);
  const privateJwk = { ...jwk, kid: keyId, alg: 'EdDSA' } as PrivateSigningJwk;
  return { privateJwk, publicJwk: publicPart(privateJwk) };
}

/** The public half of a private JWK. */
export function publicPart(privateJwk: PrivateSigningJwk): JWK & { kid: string } {
  const { d: _secret, ...rest } = privateJwk;
  return { ...rest, kid: privateJwk.kid, use: 'sig', alg: 'EdDSA' };
}

export async function importPrivateKey(privateJwk: PrivateSigningJwk) {
  return importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA');
}
