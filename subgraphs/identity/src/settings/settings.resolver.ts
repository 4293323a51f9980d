import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { SettingResetInput, SettingSetInput, SettingsNamespace, SettingsPayload } from './settings.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver()
export class SettingsResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [String], { description: 'The settings namespaces declared by the cell’s modules.' })
  settingsNamespaces(): string[] {
    return this.services.settings.list().map((namespace) => namespace.namespace);
  }

  @Query(() => SettingsNamespace, {
    nullable: true,
    description: 'A settings namespace resolved for you: your value over your organization’s over the default.',
  })
  settings(@Arg('namespace') namespace: string, @Ctx() context: Context): Promise<SettingsNamespace> {
    return this.services.settings.get(context.request, namespace);
  }

  @Mutation(() => SettingsPayload, { nullable: true, description: 'Set values of a namespace for yourself or (owners and admins) your organization.' })
  settingSet(@Arg('input', () => SettingSetInput) input: SettingSetInput, @Ctx() context: Context): Promise<SettingsPayload> {
    return mutationPayload(async () => ({ settings: await this.services.settings.set(context.request, input) }));
  }

  @Mutation(() => SettingsPayload, { nullable: true, description: 'Reset values of a namespace (some keys, or all) at a scope to what applies above it.' })
  settingReset(@Arg('input', () => SettingResetInput) input: SettingResetInput, @Ctx() context: Context): Promise<SettingsPayload> {
    return mutationPayload(async () => ({ settings: await this.services.settings.reset(context.request, input) }));
  }
}
