import { mutationPayload, requireUserId, unauthenticated, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../organization/membership.entity.js';
import type { IdentityServices } from '../services.js';
import { User } from './user.entity.js';
import { userById } from './user.loaders.js';

type Context = SubgraphContext<IdentityServices>;

@InputType({ description: 'Your own profile; an omitted field stays as it is, null clears it.' })
export class UserUpdateInput {
  @Field(() => String, { nullable: true, description: '1–100 characters.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'An https URL.' }) avatarUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Paris.' }) timeZone?: string | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. fr-CA.' }) locale?: string | null;
}

@ObjectType()
export class UserUpdatePayload {
  @Field(() => User, { nullable: true }) user?: User;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  async me(@Ctx() context: Context): Promise<User> {
    const user = await userById(this.services.db, context.loaders, context.request).load(requireUserId(context.request));
    if (!user || user.deactivatedAt) throw unauthenticated('Your account no longer exists');
    return user;
  }

  @Mutation(() => UserUpdatePayload, { nullable: true, description: 'Change your own name, avatar, time zone or locale.' })
  userUpdate(@Arg('input', () => UserUpdateInput) input: UserUpdateInput, @Ctx() context: Context): Promise<UserUpdatePayload> {
    return mutationPayload(async () => ({ user: await this.services.users.update(context.request, { ...input }) }));
  }

  @FieldResolver(() => [Membership], { nullable: true, description: 'The organizations you belong to (yourself only).' })
  async memberships(@Root() user: User, @Ctx() context: Context): Promise<Membership[] | null> {
    if (context.request.principal.kind !== 'user' || context.request.principal.userId !== user.id) return null;
    return this.services.db.transaction({ userId: user.id, orgId: null }, (em) => em.find(Membership, { where: { userId: user.id }, order: { createdAt: 'ASC' } }));
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether two-factor authentication is on (yourself only).' })
  async mfaEnabled(@Root() user: User, @Ctx() context: Context): Promise<boolean | null> {
    if (context.request.principal.kind !== 'user' || context.request.principal.userId !== user.id) return null;
    return this.services.mfa.isEnabled(user.id);
  }
}
