import { alignToKeys, type Database, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Organization } from './organization.entity.js';

export function organizationById(db: Database, loaders: LoaderRegistry, request: RequestContext) {
  return loaders.get<string, Organization | null>('identity.organizationById', async (ids) => {
    const organizations = await db.transaction(request, (em) => em.findBy(Organization, { id: In([...ids]) }));
    return alignToKeys(ids, organizations, (organization) => organization.id);
  });
}
