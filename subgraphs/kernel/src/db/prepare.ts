import { provisionAuthz } from '../authz/policy-store.js';
import { cellRestrictedModules, type ModuleAccessDeclaration } from '../authz/restricted-modules.js';
import { migrate, type Migration } from './migrate.js';
import { provisionSubgraph } from './provision.js';

/**
 * Brings a cell's database to its subgraphs' current schema: roles, schemas and migrations of
 * each enabled subgraph, then the platform's policy store with read access for all of them.
 * Disabled subgraphs get nothing. Returns the migrations it applied, by subgraph (none: it was up to date).
 */
export async function prepareCellDatabase(
  adminUrl: string,
  subgraphs: readonly ({ name: string; migrations: readonly Migration[] } & Partial<ModuleAccessDeclaration>)[],
  appPassword: string,
): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const subgraph of subgraphs) {
    await provisionSubgraph(adminUrl, subgraph.name, appPassword);
    applied[subgraph.name] = await migrate(adminUrl, subgraph.name, subgraph.migrations);
  }
  // Restricted modules may grant single objects of their own types (e.g. an expense to its submitter).
  const objectGranters = Object.fromEntries(
    subgraphs.flatMap((subgraph) =>
      subgraph.scope ? Object.values(cellRestrictedModules([subgraph as ModuleAccessDeclaration])).map((types) => [subgraph.name, types] as const) : [],
    ),
  );
  await provisionAuthz(
    adminUrl,
    subgraphs.map((subgraph) => subgraph.name),
    objectGranters,
  );
  return applied;
}
