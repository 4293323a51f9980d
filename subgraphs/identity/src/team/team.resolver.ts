import { ConnectionArgs, mutationPayload, UserError, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { User } from '../user/user.entity.js';
import { loadUser } from '../user/user.loaders.js';
import { Team, TeamMember } from './team.entities.js';
import {
  TeamCreateInput,
  TeamDeleteInput,
  TeamDeletePayload,
  TeamMemberAddInput,
  TeamMemberConnection,
  TeamMemberPayload,
  TeamMemberRemoveInput,
  TeamMemberRemovePayload,
  TeamPayload,
  TeamRestoreInput,
  TeamUpdateInput,
} from './team.inputs.js';
import { loadTeam } from './team.loaders.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => Team)
export class TeamResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => Team, { nullable: true, description: 'A team of your organization.' })
  team(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Team | null> {
    return this.services.teams.get(context.loaders, context.request, id);
  }

  @FieldResolver(() => TeamMemberConnection, { nullable: true })
  members(@Root() team: Team, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<TeamMember>> {
    return this.services.teams.members(context.request, team, args);
  }

  @Mutation(() => TeamPayload, { nullable: true })
  teamCreate(@Arg('input', () => TeamCreateInput) input: TeamCreateInput, @Ctx() context: Context): Promise<TeamPayload> {
    return mutationPayload(async () => ({ team: await this.services.teams.create(context.request, input) }));
  }

  @Mutation(() => TeamPayload, { nullable: true })
  teamUpdate(@Arg('input', () => TeamUpdateInput) input: TeamUpdateInput, @Ctx() context: Context): Promise<TeamPayload> {
    return mutationPayload(async () => ({ team: await this.services.teams.update(context.request, input) }));
  }

  @Mutation(() => TeamDeletePayload, { nullable: true, description: 'Move a team to the trash; what it was granted is withdrawn.' })
  teamDelete(@Arg('input', () => TeamDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedTeamId: await this.services.teams.delete(context.request, input.id) }));
  }

  @Mutation(() => TeamPayload, { nullable: true, description: 'Bring a team back from the trash, with its members.' })
  teamRestore(@Arg('input', () => TeamRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<TeamPayload> {
    return mutationPayload(async () => ({ team: await this.services.teams.restore(context.request, input.id) }));
  }

  @Mutation(() => TeamMemberPayload, { nullable: true, description: 'Add a member of the organization to a team (or change their team role).' })
  teamMemberAdd(@Arg('input', () => TeamMemberAddInput) input: TeamMemberAddInput, @Ctx() context: Context): Promise<TeamMemberPayload> {
    return mutationPayload(async () => ({ teamMember: await this.services.teams.addMember(context.request, input) }));
  }

  @Mutation(() => TeamMemberRemovePayload, { nullable: true })
  teamMemberRemove(@Arg('input', () => TeamMemberRemoveInput) input: TeamMemberRemoveInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.teams.removeMember(context.request, input), {}));
  }
}

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() member: TeamMember, @Ctx() context: Context): Promise<User | null> {
    return loadUser(context, member.userId);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() member: TeamMember, @Ctx() context: Context): Promise<Team | null> {
    return loadTeam(context, member.teamId);
  }
}
