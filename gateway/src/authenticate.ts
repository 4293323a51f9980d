import { randomUUID } from 'node:crypto';
import { anonymous, API_KEY_PREFIX, type AccessTokenVerifier, type DelegationVerifier, type Principal, type TokenRevocations } from '@cellgraph/kernel';
import type { ApiKeyResolver } from './api-keys.js';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The edge's request id when it sent a well-formed one, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && REQUEST_ID.test(header) ? header : randomUUID();
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
    private readonly revocations: TokenRevocations,
    private readonly apiKeys: ApiKeyResolver,
    private readonly delegations: DelegationVerifier,
  ) {}

  /**
   * `delegation`: a token this gateway gave a subgraph serving a request, which the subgraph
   * presents to ask the graph as the same caller (it replaces the Authorization header).
   */
  async authenticate(authorization: string | undefined, requestId: string, delegation?: string): Promise<Principal> {
    if (delegation) {
      if (authorization) throw new AuthenticationError('Send either a delegation or an Authorization header');
      try {
        return (await this.delegations.verify(delegation)).principal;
      } catch {
        throw new AuthenticationError('Invalid or expired delegation');
      }
    }
    if (!authorization) return anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new AuthenticationError('Authorization must be "Bearer <token>"');
    const credential = match[1]!;
    if (credential.startsWith(API_KEY_PREFIX)) {
      const key = await this.apiKeys.resolve(credential, requestId);
      if (!key) throw new AuthenticationError('Invalid, expired or revoked API key');
      return { kind: 'api_key', keyId: key.keyId, keyName: key.name ?? null, userId: key.userId, orgId: key.orgId, scopes: key.scopes, rateLimit: key.rateLimit ?? null };
    }
    let claims;
    try {
      claims = await this.tokens.verify(credential);
    } catch {
      throw new AuthenticationError('Invalid or expired access token');
    }
    if (await this.revocations.isRevoked(claims)) throw new AuthenticationError('This session has been signed out');
    return { kind: 'user', userId: claims.userId, orgId: claims.orgId, sessionId: claims.sessionId, scopes: [] };
  }
}
