import { forbidden, unauthenticated } from '../errors/coded-error.js';
import type { Principal, RequestContext } from './request-context.js';
import { kernelMessages } from '../errors/messages.js';

export type AuthenticatedPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

/** The caller, who must be authenticated (UNAUTHENTICATED otherwise). */
export function requireAuthenticated(request: RequestContext): AuthenticatedPrincipal {
  if (request.principal.kind === 'anonymous') throw unauthenticated();
  return request.principal;
}

/** The signed-in user's id (UNAUTHENTICATED for anonymous callers, FORBIDDEN for non-users). */
export function requireUserId(request: RequestContext): string {
  const principal = requireAuthenticated(request);
  if (principal.kind !== 'user' && principal.kind !== 'api_key') throw forbidden(kernelMessages.needsUser);
  if (!principal.userId) throw forbidden(kernelMessages.needsUser);
  return principal.userId;
}

/** The organisation the caller acts in (FORBIDDEN when the caller has none selected). */
export function requireOrgId(request: RequestContext): string {
  const principal = requireAuthenticated(request);
  if (!principal.orgId) throw forbidden(kernelMessages.selectOrganization);
  return principal.orgId;
}
