import type { GraphQLSchema } from 'graphql';
import { enforceKeyAccess } from '../authz/api-key-scopes.js';
import { trashPurgeResolver, type TrashKeeper } from '../db/trash.js';
import { buildFederatedSchema, printFederatedSdl } from '../federation/build-federated-schema.js';
import type { FeatureFlags } from '../flags/feature-flags.js';
import { enforceModuleSwitch } from '../flags/module-switch.js';
import type { SubgraphDefinition } from './subgraph-definition.js';

/**
 * The schema of a subgraph whose resolvers are built from `services` (plus the kernel's purge
 * mutations when it declares trash specs, built on `trash`), its root fields guarded by the API-key
 * scopes it declares and, with `features`, switched off by the flag `module.<name>` (unless `essential`).
 */
export async function subgraphSchema<TServices>(
  definition: SubgraphDefinition<TServices>,
  services: TServices | null,
  trash: TrashKeeper | null = null,
  features: FeatureFlags | null = null,
): Promise<GraphQLSchema> {
  const purgeResolver = definition.trash?.length ? trashPurgeResolver(definition.trash) : null;
  const instances = new Map<object, object>();
  if (purgeResolver && trash) instances.set(purgeResolver, new (purgeResolver as new (keeper: TrashKeeper) => object)(trash));
  const schema = await buildFederatedSchema({
    resolvers: purgeResolver ? ([...definition.resolvers, purgeResolver] as unknown as typeof definition.resolvers) : definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    references: definition.references,
    composeDirectives: definition.composeDirectives,
    container: {
      get(resolverClass: new (services: TServices) => object) {
        if (services === null) throw new Error(`${definition.name}: resolvers need a running subgraph`);
        let instance = instances.get(resolverClass);
        if (!instance) {
          instance = new resolverClass(services);
          instances.set(resolverClass, instance);
        }
        return instance;
      },
    },
  });
  enforceKeyAccess(schema, definition);
  return features && !definition.essential ? enforceModuleSwitch(schema, definition.name, features) : schema;
}

/** The subgraph's SDL, printed without starting anything (for composition). */
export async function printSubgraphSdl(definition: SubgraphDefinition<unknown>): Promise<string> {
  return printFederatedSdl(await subgraphSchema(definition, null));
}
