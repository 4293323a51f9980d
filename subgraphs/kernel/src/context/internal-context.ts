import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { deriveDelegationKey, deriveSubgraphKey, type InternalContextKey } from '../crypto/internal-context-keys.js';
import { canonicalLocale, languageOf } from '../i18n/locales.js';
import type { Principal, RequestContext } from './request-context.js';

/**
 * The gateway authenticates the caller, then signs the request context it forwards to a
 * subgraph. The token is `v1.<kid>.<claims>.<mac>`: base64url JSON claims (audience = the
 * subgraph's name, expiry, SHA-256 of the exact request body, request id, principal) and an
 * HMAC-SHA256 over the rest with the subgraph's own key (derived from the gateway's secret, see
 * crypto/internal-context-keys.ts). A subgraph trusts nothing else (no raw client headers); a token
 * cannot be replayed against another subgraph, with another body or after its short life, and a
 * subgraph holding its key cannot mint a context for another subgraph. A MAC costs a fraction of
 * the Ed25519 signature it replaced, and the gateway makes one per subgraph call.
 */
export const INTERNAL_CONTEXT_HEADER = 'x-cellgraph-context';

/** Header carrying a delegation token from the gateway to a subgraph, and from it back to the gateway. */
export const DELEGATION_HEADER = 'x-cellgraph-delegation';

const VERSION = 'v1';
const DELEGATION_AUDIENCE = 'cellgraph-graph';
/** Audience of job delegations (see InternalContextSigner.delegateToJob): never valid as a request's. */
const JOB_DELEGATION_AUDIENCE = 'cellgraph-graph-job';
const TOKEN_TTL_SECONDS = 30;
/** The longest a job delegation may live (JOB_DELEGATION_TTL_SECONDS of the gateway is at most this). */
export const JOB_DELEGATION_MAX_TTL_SECONDS = 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;
/** The longest User-Agent a context carries (the gateway cuts longer ones). */
export const USER_AGENT_MAX_LENGTH = 512;
/** The longest locale tag a context carries (BCP 47 tags in use are far shorter). */
export const LOCALE_MAX_LENGTH = 35;

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
  aud: z.string().min(1),
  exp: z.number().int(),
  rid: z.string().min(1).max(128),
  prn: principalSchema,
  bh: z.string().optional(),
  adr: z.string().max(64).optional(),
  uag: z.string().max(USER_AGENT_MAX_LENGTH).optional(),
  trc: z.literal('ftv1').optional(),
  lng: z.string().max(LOCALE_MAX_LENGTH).optional(),
});
type Claims = z.infer<typeof claimsSchema>;

export type InternalContextErrorCode = 'MISSING' | 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_MAC' | 'WRONG_AUDIENCE' | 'EXPIRED' | 'BODY_MISMATCH';

/** Why a request's internal context was refused; never shown in detail to the caller. */
export class InternalContextError extends Error {
  override name = 'InternalContextError';
  constructor(
    readonly code: InternalContextErrorCode,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}

export function bodyHash(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function mac(key: Buffer, signed: string): Buffer {
  return createHmac('sha256', key).update(signed).digest();
}

function mint(key: InternalContextKey, claims: Claims): string {
  const signed = `${VERSION}.${key.kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${mac(key.key, signed).toString('base64url')}`;
}

/** Checks a token's audience, MAC (in constant time) and expiry; returns its claims. */
function open(token: string | undefined, keys: readonly InternalContextKey[], audience: string, maxTtlSeconds = TOKEN_TTL_SECONDS): Claims {
  if (!token) throw new InternalContextError('MISSING', 'missing internal context');
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new InternalContextError('MALFORMED', 'malformed internal context');
  const [, kid, payload, given] = parts as [string, string, string, string];
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InternalContextError('MALFORMED', 'malformed internal context');
  }
  // Only this audience's key could have made a valid MAC; the claim names a mistaken route plainly.
  const claimedAudience = (json as { aud?: unknown } | null)?.aud;
  if (claimedAudience !== audience) throw new InternalContextError('WRONG_AUDIENCE', `internal context for another audience (${String(claimedAudience)})`);
  const key = keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new InternalContextError('UNKNOWN_KEY', 'internal context made with an unknown key');
  const expected = mac(key.key, `${VERSION}.${kid}.${payload}`);
  const received = Buffer.from(given, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) throw new InternalContextError('BAD_MAC', 'internal context with a bad MAC');
  const claims = claimsSchema.safeParse(json);
  if (!claims.success) throw new InternalContextError('MALFORMED', 'malformed internal context');
  const now = nowSeconds();
  if (claims.data.exp + CLOCK_TOLERANCE_SECONDS < now || claims.data.exp > now + maxTtlSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new InternalContextError('EXPIRED', 'expired internal context');
  }
  return claims.data;
}

/** A locale a catalog speaks, canonical (`de-de` → `de-DE`), or undefined for anything else. */
function spokenLocale(tag: string | undefined): string | undefined {
  const locale = canonicalLocale(tag);
  return locale && languageOf(locale) ? locale : undefined;
}

function contextOf(claims: Claims): RequestContext {
  const { rid: requestId, prn: principal, adr: clientAddress, uag: userAgent, trc: trace } = claims;
  const locale = spokenLocale(claims.lng);
  return {
    requestId,
    principal,
    ...(clientAddress ? { clientAddress } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(trace ? { trace } : {}),
    ...(locale ? { locale } : {}),
  };
}

/** The claims every token carries about the request's context. */
function contextClaims(context: RequestContext, audience: string, ttlSeconds = TOKEN_TTL_SECONDS): Claims {
  return {
    aud: audience,
    exp: nowSeconds() + ttlSeconds,
    rid: context.requestId,
    prn: context.principal,
    ...(context.clientAddress ? { adr: context.clientAddress } : {}),
    ...(context.userAgent ? { uag: context.userAgent.slice(0, USER_AGENT_MAX_LENGTH) } : {}),
    ...(context.trace ? { trc: context.trace } : {}),
    ...(spokenLocale(context.locale) ? { lng: spokenLocale(context.locale) } : {}),
  };
}

/** The gateway's side: holds the secret, derives (and caches) each subgraph's key. */
export class InternalContextSigner {
  private readonly subgraphKeys = new Map<string, InternalContextKey>();
  private readonly delegationKey: InternalContextKey;

  private constructor(private readonly secret: Buffer) {
    this.delegationKey = deriveDelegationKey(secret);
  }

  /** `secret`: INTERNAL_CONTEXT_SECRET, decoded. */
  static create(secret: Buffer): InternalContextSigner {
    return new InternalContextSigner(secret);
  }

  /** Signs `context` for one request to the subgraph `audience` carrying `body`. */
  sign(context: RequestContext, audience: string, body: string | Uint8Array): string {
    let key = this.subgraphKeys.get(audience);
    if (!key) {
      key = deriveSubgraphKey(this.secret, audience);
      this.subgraphKeys.set(audience, key);
    }
    return mint(key, { ...contextClaims(context, audience), bh: bodyHash(body) });
  }

  /**
   * A delegation: lets a subgraph that serves this request ask the graph (the gateway) for more, as
   * the same principal, for the token's short life — e.g. whether the entities a link joins exist
   * and are visible to the caller. Only the gateway (holder of the secret) mints and accepts it.
   */
  delegate(context: RequestContext): string {
    return mint(this.delegationKey, contextClaims(context, DELEGATION_AUDIENCE));
  }

  /**
   * A job delegation: the same, for a background job a request enqueued to act for its caller
   * later (a PDF rendered after the request answered). Minted only in exchange for a request's
   * delegation (the gateway's `POST /delegations/job`), for `ttlSeconds` (at most
   * JOB_DELEGATION_MAX_TTL_SECONDS); accepted to ask the graph, never exchanged again.
   */
  delegateToJob(context: RequestContext, ttlSeconds: number): string {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > JOB_DELEGATION_MAX_TTL_SECONDS)
      throw new RangeError(`A job delegation lives 1 to ${JOB_DELEGATION_MAX_TTL_SECONDS} s`);
    return mint(this.delegationKey, contextClaims(context, JOB_DELEGATION_AUDIENCE, ttlSeconds));
  }
}

/** The gateway's check of a delegation token it minted (see InternalContextSigner.delegate). */
export class DelegationVerifier {
  private readonly keys: readonly InternalContextKey[];

  /** `secret`: INTERNAL_CONTEXT_SECRET, decoded. */
  constructor(secret: Buffer) {
    this.keys = [deriveDelegationKey(secret)];
  }

  /** A request's delegation or a job delegation: whom the graph is asked as. */
  verify(token: string): RequestContext {
    try {
      return this.verifyRequestDelegation(token);
    } catch (error) {
      if (!(error instanceof InternalContextError) || error.code !== 'WRONG_AUDIENCE') throw error;
      return contextOf(open(token, this.keys, JOB_DELEGATION_AUDIENCE, JOB_DELEGATION_MAX_TTL_SECONDS));
    }
  }

  /** A request's delegation only (what may be exchanged for a job delegation). */
  verifyRequestDelegation(token: string): RequestContext {
    return contextOf(open(token, this.keys, DELEGATION_AUDIENCE));
  }
}

/** A subgraph's side: checks the contexts sent to it with its own key(s). */
export class InternalContextVerifier {
  /** `keys`: the subgraph's current key, and the previous one while the gateway's secret is rotated. */
  constructor(
    private readonly keys: readonly InternalContextKey[],
    private readonly audience: string,
  ) {}

  verify(token: string | undefined, body: string | Uint8Array): RequestContext {
    const claims = open(token, this.keys, this.audience);
    if (claims.bh === undefined || claims.bh !== bodyHash(body))
      throw new InternalContextError('BODY_MISMATCH', 'internal context does not match the request body');
    return contextOf(claims);
  }
}
