import { ConnectionType, DeletePayload, IdInput, UserError, UserErrorsPayload } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Team, TeamMember, TeamRole } from './team.entities.js';

/** `Team.members`. */
export const TeamMemberConnection = ConnectionType(TeamMember, 'TeamMember');

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

export const TeamDeleteInput = IdInput('TeamDeleteInput');
export const TeamRestoreInput = IdInput('TeamRestoreInput');

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

export const TeamDeletePayload = DeletePayload('TeamDeletePayload', 'deletedTeamId');

@ObjectType()
export class TeamMemberPayload {
  @Field(() => TeamMember, { nullable: true }) teamMember?: TeamMember;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const TeamMemberRemovePayload = UserErrorsPayload('TeamMemberRemovePayload');

/** `Organization.teams`. */
export const TeamConnection = ConnectionType(Team, 'Team');
