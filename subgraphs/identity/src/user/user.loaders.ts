import { alignToKeys, type Database, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { User } from './user.entity.js';

/** Users by id, batched per request; users the caller may not see (row-level security) are null. */
export function userById(db: Database, loaders: LoaderRegistry, request: RequestContext) {
  return loaders.get<string, User | null>('identity.userById', async (ids) => {
    const users = await db.transaction(request, (em) => em.findBy(User, { id: In([...ids]) }));
    return alignToKeys(ids, users, (user) => user.id);
  });
}
