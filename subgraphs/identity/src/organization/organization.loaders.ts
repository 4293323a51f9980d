import { alignToKeys, type Database, type LoaderRegistry } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Organization } from './organization.entity.js';

export function organizationById(db: Database, loaders: LoaderRegistry) {
  return loaders.get<string, Organization | null>('identity.organizationById', async (ids) => {
    const organizations = await db.transaction((em) => em.findBy(Organization, { id: In([...ids]) }));
    return alignToKeys(ids, organizations, (organization) => organization.id);
  });
}
