import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import type { Organization } from './organization.entity.js';

/** Organizations by id, batched per request: the caller's own (row-level security), else null. */
export const organizationById = ({ organizations }: Pick<IdentityServices, 'organizations'>, loaders: LoaderRegistry, request: RequestContext) =>
  organizations.access.loader(loaders, request);

/** One organization for a field. */
export const loadOrganization = (context: SubgraphContext<IdentityServices>, id: string | null): Promise<Organization | null> =>
  context.services.organizations.access.loadReadable(context.loaders, context.request, id);
