import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../organization/membership.entity.js';
import type { IdentityServices } from '../services.js';
import { User } from './user.entity.js';
import { UserUpdateInput, UserUpdatePayload } from './user.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() context: Context): Promise<User> {
    return this.services.users.me(context.loaders, context.request);
  }

  @Mutation(() => UserUpdatePayload, { nullable: true, description: 'Change your own name, avatar, time zone or locale.' })
  userUpdate(@Arg('input', () => UserUpdateInput) input: UserUpdateInput, @Ctx() context: Context): Promise<UserUpdatePayload> {
    return mutationPayload(async () => ({ user: await this.services.users.update(context.request, { ...input }) }));
  }

  @FieldResolver(() => [Membership], { nullable: true, description: 'The organizations you belong to (yourself only).' })
  memberships(@Root() user: User, @Ctx() context: Context): Promise<Membership[] | null> {
    return this.services.users.ownMemberships(context.request, user);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether two-factor authentication is on (yourself only).' })
  mfaEnabled(@Root() user: User, @Ctx() context: Context): Promise<boolean | null> {
    return this.services.users.ownMfaEnabled(context.request, user);
  }
}
