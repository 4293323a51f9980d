import { mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import {
  PermissionGrant,
  PermissionGrantInput,
  PermissionGrantPayload,
  PermissionRevokeInput,
  PermissionRevokePayload,
  ViewerAccess,
} from './permission.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver()
export class PermissionResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [PermissionGrant], { nullable: true, description: 'Who can access an object and why (for those who can manage it).' })
  objectPermissions(@Arg('objectId', () => ID) objectId: string, @Ctx() context: Context): Promise<PermissionGrant[]> {
    return this.services.permissions.objectGrants(context.request, objectId);
  }

  @Query(() => ViewerAccess, { nullable: true, description: 'What you can access in your organization.' })
  viewerAccess(@Ctx() context: Context): Promise<ViewerAccess> {
    return this.services.permissions.viewerAccess(context.request);
  }

  @Mutation(() => PermissionGrantPayload, { nullable: true, description: 'Share an object with a member or a team.' })
  permissionGrant(@Arg('input', () => PermissionGrantInput) input: PermissionGrantInput, @Ctx() context: Context): Promise<PermissionGrantPayload> {
    return mutationPayload(async () => ({ grant: await this.services.permissions.grant(context.request, input) }));
  }

  @Mutation(() => PermissionRevokePayload, { nullable: true })
  permissionRevoke(@Arg('input', () => PermissionRevokeInput) input: PermissionRevokeInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.permissions.revoke(context.request, input), {}));
  }
}
