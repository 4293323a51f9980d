import {
  ConnectionArgs,
  ConnectionType,
  DeletePayload,
  forbidden,
  fromGlobalId,
  IdInput,
  mutationPayload,
  paginate,
  requireOrgId,
  UserError,
  UserErrorsPayload,
  type Connection,
  type SortKey,
  type SubgraphContext,
} from '@cellgraph/kernel';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { User } from '../user/user.entity.js';
import { userById } from '../user/user.loaders.js';
import { Team, TeamMember, TeamRole } from './team.entities.js';
import { teamById } from './team.loaders.js';

type Context = SubgraphContext<IdentityServices>;

const TeamMemberConnection = ConnectionType(TeamMember, 'TeamMember');
const membersOrder: SortKey[] = [
  { name: 'createdAt', path: 'member.createdAt', sqlType: 'timestamptz', direction: 'ASC' },
  { name: 'userId', path: 'member.userId', sqlType: 'uuid', direction: 'ASC' },
];

@InputType()
export class TeamCreateInput {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class TeamUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

const TeamDeleteInput = IdInput('TeamDeleteInput');
const TeamRestoreInput = IdInput('TeamRestoreInput');

@InputType()
export class TeamMemberAddInput {
  @Field(() => ID) teamId!: string;
  @Field(() => ID) userId!: string;
  @Field(() => TeamRole, { nullable: true, defaultValue: TeamRole.MEMBER }) role?: TeamRole | null;
}

@InputType()
export class TeamMemberRemoveInput {
  @Field(() => ID) teamId!: string;
  @Field(() => ID) userId!: string;
}

@ObjectType()
export class TeamPayload {
  @Field(() => Team, { nullable: true }) team?: Team;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const TeamDeletePayload = DeletePayload('TeamDeletePayload', 'deletedTeamId');

@ObjectType()
export class TeamMemberPayload {
  @Field(() => TeamMember, { nullable: true }) teamMember?: TeamMember;
  @Field(() => [UserError]) userErrors!: UserError[];
}

const TeamMemberRemovePayload = UserErrorsPayload('TeamMemberRemovePayload');

@Resolver(() => Team)
export class TeamResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => Team, { nullable: true, description: 'A team of your organization.' })
  async team(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Team | null> {
    requireOrgId(context.request);
    const team = await teamById(this.services.teams, context.loaders, context.request).load(fromGlobalId('Team', id));
    if (team) await this.requireVisible(team, context);
    return team;
  }

  @FieldResolver(() => TeamMemberConnection, { nullable: true })
  async members(@Root() team: Team, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<TeamMember>> {
    await this.requireVisible(team, context);
    return paginate({ db: this.services.db, scope: context.request, build: (em) => em.createQueryBuilder(TeamMember, 'member').where('member.teamId = :teamId', { teamId: team.id }), sort: membersOrder, args });
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

  /** Members of the organization see its teams; guests only the teams they are in. */
  private async requireVisible(team: Team, context: Context): Promise<void> {
    if (await this.services.authz.can(context.request, 'read', 'Organization', team.orgId)) return;
    const principal = context.request.principal;
    if (principal.kind === 'user' && (await this.services.teams.membershipsOf(context.request, [principal.userId])).some((m) => m.teamId === team.id)) return;
    throw forbidden('You cannot see this team');
  }
}

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  user(@Root() member: TeamMember, @Ctx() context: Context): Promise<User | null> {
    return userById(this.services.db, context.loaders, context.request).load(member.userId);
  }

  @FieldResolver(() => Team, { nullable: true })
  team(@Root() member: TeamMember, @Ctx() context: Context): Promise<Team | null> {
    return teamById(this.services.teams, context.loaders, context.request).load(member.teamId);
  }
}
