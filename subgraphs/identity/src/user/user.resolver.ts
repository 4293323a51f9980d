import { requireUserId, unauthenticated, type SubgraphContext } from '@cellgraph/kernel';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../organization/membership.entity.js';
import type { IdentityServices } from '../services.js';
import { User } from './user.entity.js';
import { userById } from './user.loaders.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  async me(@Ctx() context: Context): Promise<User> {
    const user = await userById(this.services.db, context.loaders).load(requireUserId(context.request));
    if (!user || user.deactivatedAt) throw unauthenticated('Your account no longer exists');
    return user;
  }

  @FieldResolver(() => [Membership], { nullable: true, description: 'The organizations you belong to (yourself only).' })
  async memberships(@Root() user: User, @Ctx() context: Context): Promise<Membership[] | null> {
    if (context.request.principal.kind !== 'user' || context.request.principal.userId !== user.id) return null;
    return this.services.db.transaction((em) => em.find(Membership, { where: { userId: user.id }, order: { createdAt: 'ASC' } }), { userId: user.id, orgId: null });
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether two-factor authentication is on (yourself only).' })
  async mfaEnabled(@Root() user: User, @Ctx() context: Context): Promise<boolean | null> {
    if (context.request.principal.kind !== 'user' || context.request.principal.userId !== user.id) return null;
    return this.services.mfa.isEnabled(user.id);
  }
}
