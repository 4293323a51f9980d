import type { LoaderRegistry, RequestContext, SubgraphContext } from '@cellgraph/kernel';
import type { IdentityServices } from '../services.js';
import type { User } from './user.entity.js';

/** Users by id, batched per request; users the caller may not see (row-level security) are null. */
export const userById = ({ users }: Pick<IdentityServices, 'users'>, loaders: LoaderRegistry, request: RequestContext) => users.access.loader(loaders, request);

/** One user for a field (null when the caller's organization does not see them). */
export const loadUser = (context: SubgraphContext<IdentityServices>, id: string | null): Promise<User | null> =>
  context.services.users.access.loadReadable(context.loaders, context.request, id);
