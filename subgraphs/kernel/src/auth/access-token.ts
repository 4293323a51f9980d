import { createLocalJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { importPrivateKey, type PrivateSigningJwk, type PublicJwks } from '../crypto/signing-keys.js';

/**
 * Access tokens: short-lived EdDSA JWTs issued by the identity subgraph and verified by the
 * gateway with the published public keys. `sub` is the user id, `org` the organization the
 * session acts in (null until one is selected).
 */
export const ACCESS_TOKEN_ISSUER = 'cellgraph-identity';
export const ACCESS_TOKEN_AUDIENCE = 'cellgraph-api';

export interface AccessTokenClaims {
  userId: string;
  orgId: string | null;
  /** The session the token belongs to (signing out revokes it). */
  sessionId: string | null;
  /** The user's token generation when issued (signing out everywhere bumps it). */
  generation: number;
}

export class AccessTokenIssuer {
  private constructor(
    private readonly key: Awaited<ReturnType<typeof importPrivateKey>>,
    private readonly kid: string,
    readonly ttlSeconds: number,
  ) {}

  /** Signs with the first key; the others stay published for tokens they signed (rotation). */
  static async create(privateJwk: PrivateSigningJwk, ttlSeconds: number): Promise<AccessTokenIssuer> {
    return new AccessTokenIssuer(await importPrivateKey(privateJwk), privateJwk.kid, ttlSeconds);
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({ org: claims.orgId, sid: claims.sessionId, gen: claims.generation })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ: 'at+jwt' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(claims.userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}

const claimsSchema = z.object({
  sub: z.uuid(),
  org: z.uuid().nullable(),
  sid: z.uuid().nullable().default(null),
  gen: z.number().int().min(0).default(0),
  iat: z.number(),
});

export class AccessTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  /**
   * From a fixed key set, or from a function finding the key a token's header names (the
   * gateway's AccessTokenKeys, which fetches identity's published keys).
   */
  constructor(keys: PublicJwks | JWTVerifyGetKey) {
    this.keys = typeof keys === 'function' ? keys : createLocalJWKSet(keys);
  }

  /** The token's claims; throws when the token is invalid, expired or not ours (and whatever the key lookup throws). */
  async verify(token: string): Promise<AccessTokenClaims & { issuedAt: number }> {
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      algorithms: ['EdDSA'],
      typ: 'at+jwt',
      clockTolerance: 5,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const claims = claimsSchema.parse(payload);
    return { userId: claims.sub, orgId: claims.org, sessionId: claims.sid, generation: claims.gen, issuedAt: claims.iat };
  }
}
