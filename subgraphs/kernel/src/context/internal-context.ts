import { createHash } from 'node:crypto';
import { createLocalJWKSet, SignJWT, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { importPrivateKey, type PrivateSigningJwk, type PublicJwks } from '../crypto/signing-keys.js';
import type { Principal, RequestContext } from './request-context.js';

/**
 * The gateway authenticates the caller, then signs the request context it forwards to a
 * subgraph. The token is an EdDSA JWT whose audience is the subgraph's name and which is bound to
 * the exact request body by its SHA-256, valid for a short window: a subgraph trusts nothing else
 * (no raw client headers), a token cannot be replayed against another subgraph or with another
 * body, and only the holder of the private key (the gateway) can mint one.
 */
export const INTERNAL_CONTEXT_HEADER = 'x-cellgraph-context';

/** Header carrying a delegation token from the gateway to a subgraph, and from it back to the gateway. */
export const DELEGATION_HEADER = 'x-cellgraph-delegation';

const ISSUER = 'cellgraph-gateway';
const DELEGATION_AUDIENCE = 'cellgraph-graph';
const TOKEN_TTL_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;

const principalSchema: z.ZodType<Principal> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anonymous') }),
  z.object({ kind: z.literal('user'), userId: z.uuid(), orgId: z.uuid().nullable(), sessionId: z.uuid().nullable().optional(), scopes: z.array(z.string()) }),
  z.object({
    kind: z.literal('api_key'),
    keyId: z.uuid(),
    keyName: z.string().nullish(),
    userId: z.uuid().nullable(),
    orgId: z.uuid(),
    scopes: z.array(z.string()),
    rateLimit: z.number().int().nullish(),
  }),
  z.object({ kind: z.literal('system'), orgId: z.uuid().nullable(), scopes: z.array(z.string()) }),
]);

const claimsSchema = z.object({
  rid: z.string().min(1).max(128),
  prn: principalSchema,
  bh: z.string(),
  adr: z.string().max(64).optional(),
  trc: z.literal('ftv1').optional(),
});

export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

export class InternalContextSigner {
  private constructor(
    private readonly key: Awaited<ReturnType<typeof importPrivateKey>>,
    private readonly kid: string,
  ) {}

  static async create(privateJwk: PrivateSigningJwk): Promise<InternalContextSigner> {
    return new InternalContextSigner(await importPrivateKey(privateJwk), privateJwk.kid);
  }

  /**
   * A delegation: lets a subgraph that serves this request ask the graph (the gateway) for more, as
   * the same principal, for the token's short life — e.g. whether the entities a link joins exist
   * and are visible to the caller. Only the gateway accepts it.
   */
  delegate(context: RequestContext): Promise<string> {
    return new SignJWT({ rid: context.requestId, prn: context.principal, ...(context.clientAddress ? { adr: context.clientAddress } : {}) })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid })
      .setIssuer(ISSUER)
      .setAudience(DELEGATION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** Signs `context` for one request to the subgraph `audience` carrying `body`. */
  sign(context: RequestContext, audience: string, body: string | Uint8Array): Promise<string> {
    return new SignJWT({
      rid: context.requestId,
      prn: context.principal,
      bh: bodyHash(body),
      ...(context.clientAddress ? { adr: context.clientAddress } : {}),
      ...(context.trace ? { trc: context.trace } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }
}

/** Why a request's internal context was refused; never shown in detail to the caller. */
export class InternalContextError extends Error {
  override name = 'InternalContextError';
}

export class InternalContextVerifier {
  private readonly keys: JWTVerifyGetKey;

  /** `jwks` holds every key the gateway may currently sign with (more than one while rotating). */
  constructor(
    jwks: PublicJwks,
    private readonly audience: string,
  ) {
    this.keys = createLocalJWKSet(jwks);
  }

  async verify(token: string | undefined, body: string | Uint8Array): Promise<RequestContext> {
    if (!token) throw new InternalContextError('missing internal context');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: ISSUER,
        audience: this.audience,
        algorithms: ['EdDSA'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iat', 'exp'],
      }));
    } catch (error) {
      throw new InternalContextError(`invalid internal context: ${(error as Error).message}`);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InternalContextError('malformed internal context');
    if (claims.data.bh !== bodyHash(body)) throw new InternalContextError('internal context does not match the request body');
    const { rid: requestId, prn: principal, adr: clientAddress, trc: trace } = claims.data;
    return { requestId, principal, ...(clientAddress ? { clientAddress } : {}), ...(trace ? { trace } : {}) };
  }
}

/** The gateway's check of a delegation token it minted (see InternalContextSigner.delegate). */
export class DelegationVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(jwks: PublicJwks) {
    this.keys = createLocalJWKSet(jwks);
  }

  async verify(token: string): Promise<RequestContext> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: ISSUER,
        audience: DELEGATION_AUDIENCE,
        algorithms: ['EdDSA'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['iat', 'exp'],
      }));
    } catch (error) {
      throw new InternalContextError(`invalid delegation: ${(error as Error).message}`);
    }
    const claims = claimsSchema.omit({ bh: true }).safeParse(payload);
    if (!claims.success) throw new InternalContextError('malformed delegation');
    const { rid: requestId, prn: principal, adr: clientAddress } = claims.data;
    return clientAddress ? { requestId, principal, clientAddress } : { requestId, principal };
  }
}
