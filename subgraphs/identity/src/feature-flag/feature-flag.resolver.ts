import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { Feature, FeatureFlag, FeatureFlagDeleteInput, FeatureFlagDeletePayload, FeatureFlagSetInput, FeatureFlagSetPayload } from './feature-flag.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver()
export class FeatureFlagResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [Feature], { description: 'The cell’s feature flags as they apply to you (a module whose `module.<name>` is off is hidden and refused).' })
  features(@Ctx() context: Context): Feature[] {
    return this.services.featureFlags.features(context.request);
  }

  @Query(() => Boolean, { description: 'Whether you are a platform administrator (who manages feature flags).' })
  platformAdmin(@Ctx() context: Context): Promise<boolean> {
    return this.services.featureFlags.isPlatformAdmin(context.request);
  }

  @Query(() => [FeatureFlag], { nullable: true, description: 'Every feature flag with its rules (platform administrators).' })
  featureFlags(@Ctx() context: Context): Promise<FeatureFlag[]> {
    return this.services.featureFlags.list(context.request);
  }

  @Mutation(() => FeatureFlagSetPayload, { nullable: true, description: 'Create or change a feature flag (platform administrators).' })
  featureFlagSet(@Arg('input', () => FeatureFlagSetInput) input: FeatureFlagSetInput, @Ctx() context: Context): Promise<FeatureFlagSetPayload> {
    return mutationPayload(async () => ({ featureFlag: await this.services.featureFlags.set(context.request, input) }));
  }

  @Mutation(() => FeatureFlagDeletePayload, {
    nullable: true,
    description: 'Delete a feature flag: it falls back to its safe default (platform administrators).',
  })
  featureFlagDelete(@Arg('input', () => FeatureFlagDeleteInput) input: FeatureFlagDeleteInput, @Ctx() context: Context): Promise<FeatureFlagDeletePayload> {
    return mutationPayload(async () => ({ deletedKey: await this.services.featureFlags.delete(context.request, input.key) }));
  }
}
