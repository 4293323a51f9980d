import { anonymous, API_KEY_PREFIX, type AccessTokenVerifier, type DelegationVerifier, type Principal, type RequestContext } from '@cellgraph/kernel/core';
import type { ApiKeyResolver } from './api-keys.js';
import { KeysUnavailableError } from './jwks.js';
import { RateLimitedError, unlessRedisUnavailable, type RateLimiter } from './rate-limit.js';
import type { RevocationCheck } from './revocations.js';
import { translator, type ReaderText } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  /** `text`: what the caller reads, rendered in their language when answered; the message is English, for logs. */
  constructor(readonly text: ReaderText) {
    super(translator().t('message' in text ? text.message : text, 'values' in text ? text.values : undefined));
  }
}

/**
 * Who is calling: anonymous without an Authorization header; an API key (`cg_…`) acts for its
 * organization with its scopes; an access token for its user, organization and session, unless
 * its session was signed out or its user signed out everywhere since. A header that is present
 * but invalid is refused rather than downgraded to anonymous, so a client learns its credentials
 * stopped working.
 */
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationCheck,
    private readonly apiKeys: ApiKeyResolver,
    private readonly delegations: DelegationVerifier,
    /** Unknown API keys presented per client address: beyond the limit, API keys from that address are refused unchecked. */
    private readonly keyGuesses: RateLimiter,
  ) {}

  /**
   * A delegation: a token this gateway gave a subgraph serving a request, which the subgraph
   * presents to ask the graph as the same caller (it replaces the Authorization header). Answers
   * that request's context: its caller and its client's address.
   */
  async delegated(delegation: string, authorization: string | undefined): Promise<RequestContext> {
    if (authorization) throw new AuthenticationError(gatewayMessages.delegationOrAuthorization);
    let context: RequestContext;
    let job = false;
    try {
      context = this.delegations.verifyRequestDelegation(delegation);
    } catch {
      try {
        context = this.delegations.verify(delegation);
        job = true;
      } catch {
        throw new AuthenticationError(gatewayMessages.invalidDelegation);
      }
    }
    // A job delegation outlives the request it was made in: a job stops acting for a session signed out since.
    // (A request's delegation lives 30 s, within the life of the access token the request was checked with.)
    const { principal } = context;
    if (job && principal.kind === 'user' && principal.sessionId) {
      const token = { sessionId: principal.sessionId, userId: principal.userId, generation: Number.MAX_SAFE_INTEGER };
      if (await this.revocations.isRevoked(token, context.requestId)) throw new AuthenticationError(gatewayMessages.jobSessionSignedOut);
    }
    return context;
  }

  async authenticate(authorization: string | undefined, requestId: string, clientAddress: string): Promise<Principal> {
    if (!authorization) return anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new AuthenticationError(gatewayMessages.bearerFormat);
    const credential = match[1]!;
    if (credential.startsWith(API_KEY_PREFIX)) {
      const guesses = await unlessRedisUnavailable(this.keyGuesses.peek(`api-key-guesses:${clientAddress}`));
      if (guesses && !guesses.allowed) throw new RateLimitedError(gatewayMessages.tooManyUnknownKeys, guesses);
      const key = await this.apiKeys.resolve(credential, requestId);
      if (!key) {
        await unlessRedisUnavailable(this.keyGuesses.take(`api-key-guesses:${clientAddress}`));
        throw new AuthenticationError(gatewayMessages.invalidApiKey);
      }
      return {
        kind: 'api_key',
        keyId: key.keyId,
        keyName: key.name ?? null,
        userId: key.userId,
        orgId: key.orgId,
        scopes: key.scopes,
        rateLimit: key.rateLimit ?? null,
      };
    }
    let claims;
    try {
      claims = await this.tokens.verify(credential);
    } catch (error) {
      // Identity's keys out of reach is an outage (SERVICE_UNAVAILABLE), not bad credentials.
      if (error instanceof KeysUnavailableError) throw error;
      throw new AuthenticationError(gatewayMessages.invalidAccessToken);
    }
    if (await this.revocations.isRevoked(claims, requestId)) throw new AuthenticationError(gatewayMessages.sessionSignedOut);
    return { kind: 'user', userId: claims.userId, orgId: claims.orgId, sessionId: claims.sessionId, scopes: [] };
  }
}
