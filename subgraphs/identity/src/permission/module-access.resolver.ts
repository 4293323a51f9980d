import { mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { ModuleAccessGrantInput, ModuleAccessGrantPayload, ModuleAccessRevokeInput, ModuleAccessRevokePayload, ModuleGrant } from './module-access.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver()
export class ModuleAccessResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [String], { description: 'The restricted modules of this cell (e.g. finance): members and guests need a module grant for them.' })
  restrictedModules(): string[] {
    return this.services.moduleAccess.modules();
  }

  @Query(() => [ModuleGrant], { nullable: true, description: 'Who was granted a restricted module (for owners and admins).' })
  moduleGrants(@Arg('module') module: string, @Ctx() context: Context): Promise<ModuleGrant[]> {
    return this.services.moduleAccess.grants(context.request, module);
  }

  @Mutation(() => ModuleAccessGrantPayload, { nullable: true, description: 'Open a restricted module to a member or a team (owners and admins).' })
  moduleAccessGrant(@Arg('input', () => ModuleAccessGrantInput) input: ModuleAccessGrantInput, @Ctx() context: Context): Promise<ModuleAccessGrantPayload> {
    return mutationPayload(async () => ({ grant: await this.services.moduleAccess.grant(context.request, input) }));
  }

  @Mutation(() => ModuleAccessRevokePayload, { nullable: true, description: 'Withdraw a module grant (owners and admins).' })
  moduleAccessRevoke(
    @Arg('input', () => ModuleAccessRevokeInput) input: ModuleAccessRevokeInput,
    @Ctx() context: Context,
  ): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.moduleAccess.revoke(context.request, input), {}));
  }
}
