import type { Principal } from '@cellgraph/kernel/core';

/**
 * The key of a subscription group: subscriptions with the same key get the same payloads, so an
 * event is resolved once per key. It holds the document (its exact text and operation name), the
 * coerced variables (keys sorted, so their order does not matter) and what the subgraphs decide
 * visibility on: the principal's kind, user, API key, organization and scopes. Not the session or
 * the client's address: they change no answer (a revoked session closes its connection instead).
 */
export function groupingKey(query: string, operationName: string | null | undefined, variables: Record<string, unknown>, principal: Principal): string {
  return JSON.stringify([query, operationName ?? null, canonical(variables), permissionKey(principal)]);
}

/** What, of a principal, decides what a subgraph lets it see. */
export function permissionKey(principal: Principal): unknown[] {
  switch (principal.kind) {
    case 'anonymous':
      return ['anonymous'];
    case 'user':
      return ['user', principal.userId, principal.orgId, [...principal.scopes].sort()];
    case 'api_key':
      return ['api_key', principal.keyId, principal.userId, principal.orgId, [...principal.scopes].sort()];
    case 'system':
      return ['system', principal.orgId, [...principal.scopes].sort()];
  }
}

/** `value` with every object's keys sorted (arrays keep their order). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
