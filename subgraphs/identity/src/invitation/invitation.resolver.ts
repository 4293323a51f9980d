import { IdInput, mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { SessionPayload } from '../auth/auth.types.js';
import { OrganizationRole } from '../organization/membership.entity.js';
import type { IdentityServices } from '../services.js';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { userById } from '../user/user.loaders.js';
import { Invitation } from './invitation.entity.js';

type Context = SubgraphContext<IdentityServices>;

@InputType()
export class InvitationCreateInput {
  @Field() email!: string;
  @Field(() => OrganizationRole) role!: OrganizationRole;
  @Field(() => [ID], { nullable: true, description: 'Teams the person joins on accepting.' }) teamIds?: string[] | null;
}

const InvitationResendInput = IdInput('InvitationResendInput');
const InvitationRevokeInput = IdInput('InvitationRevokeInput');

@InputType()
export class InvitationAcceptInput {
  @Field({ description: 'The token from the invitation e-mail.' }) token!: string;
  @Field(() => String, { nullable: true, description: 'For a new account.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'For a new account.' }) password?: string | null;
}

@ObjectType()
export class InvitationPayload {
  @Field(() => Invitation, { nullable: true }) invitation?: Invitation;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  invitedBy(@Root() invitation: Invitation, @Ctx() context: Context): Promise<User | null> {
    return userById(this.services.db, context.loaders, context.request).load(invitation.invitedBy);
  }

  @FieldResolver(() => [Team], { description: 'Teams the person joins on accepting.' })
  async teams(@Root() invitation: Invitation, @Ctx() context: Context): Promise<Team[]> {
    if (!invitation.teamIds.length) return [];
    return this.services.db.transaction(context.request, (em) => em.findBy(Team, { id: In(invitation.teamIds) }));
  }

  @Mutation(() => InvitationPayload, { nullable: true, description: 'Invite someone by e-mail (owners and admins).' })
  invitationCreate(@Arg('input', () => InvitationCreateInput) input: InvitationCreateInput, @Ctx() context: Context): Promise<InvitationPayload> {
    return mutationPayload(async () => ({ invitation: await this.services.invitations.create(context.request, input) }));
  }

  @Mutation(() => InvitationPayload, { nullable: true, description: 'Send a pending invitation again, with a new link.' })
  invitationResend(@Arg('input', () => InvitationResendInput) input: { id: string }, @Ctx() context: Context): Promise<InvitationPayload> {
    return mutationPayload(async () => ({ invitation: await this.services.invitations.resend(context.request, input.id) }));
  }

  @Mutation(() => InvitationPayload, { nullable: true })
  invitationRevoke(@Arg('input', () => InvitationRevokeInput) input: { id: string }, @Ctx() context: Context): Promise<InvitationPayload> {
    return mutationPayload(async () => ({ invitation: await this.services.invitations.revoke(context.request, input.id) }));
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Accept an invitation, as the signed-in invitee or by creating an account.' })
  invitationAccept(@Arg('input', () => InvitationAcceptInput) input: InvitationAcceptInput, @Ctx() context: Context): Promise<SessionPayload> {
    return mutationPayload(async () => ({ session: await this.services.invitations.accept(context.request, input) }));
  }
}
