import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { principalOrgId, principalUserId, type RequestContext } from '../context/request-context.js';
import { featureDisabled, moduleFlagKey, type FeatureFlags } from './feature-flags.js';

/**
 * The module kill switch: every root Query, Mutation and Subscription field of subgraph `module`
 * refuses with FEATURE_DISABLED (extensions `module`, `flag`) while the flag `module.<name>` is off
 * for the caller. Changes the fields in place, like the API-key guard.
 */
export function enforceModuleSwitch(schema: GraphQLSchema, module: string, features: FeatureFlags): GraphQLSchema {
  const flag = moduleFlagKey(module);
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values((root as GraphQLObjectType | null | undefined)?.getFields() ?? {})) {
      if (field.name.startsWith('_')) continue; // federation's _service and _entities
      const guarded = <T extends GraphQLFieldResolver<unknown, { request: RequestContext }>>(resolve: T): T =>
        ((source, args, context, info) => {
          const { principal } = context.request;
          if (!features.isEnabled(flag, { orgId: principalOrgId(principal), userId: principalUserId(principal) })) throw featureDisabled(module);
          return resolve(source, args, context, info);
        }) as T;
      field.resolve = guarded(field.resolve ?? defaultFieldResolver);
      if (field.subscribe) field.subscribe = guarded(field.subscribe);
    }
  }
  return schema;
}
