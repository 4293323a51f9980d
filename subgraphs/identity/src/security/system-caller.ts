import { forbidden, type RequestContext } from '@cellgraph/kernel';

/** Fields for the gateway only (`@inaccessible`): a system caller, anyone else FORBIDDEN. */
export function requireSystemCaller(request: RequestContext): void {
  if (request.principal.kind !== 'system') throw forbidden();
}
