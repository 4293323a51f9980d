import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { SessionPayload } from '../auth/auth.inputs.js';
import type { IdentityServices } from '../services.js';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { loadUser } from '../user/user.loaders.js';
import { Invitation } from './invitation.entity.js';
import { InvitationAcceptInput, InvitationCreateInput, InvitationPayload, InvitationResendInput, InvitationRevokeInput } from './invitation.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  invitedBy(@Root() invitation: Invitation, @Ctx() context: Context): Promise<User | null> {
    return loadUser(context, invitation.invitedBy);
  }

  @FieldResolver(() => [Team], { description: 'Teams the person joins on accepting.' })
  teams(@Root() invitation: Invitation, @Ctx() context: Context): Promise<Team[]> {
    return this.services.invitations.teamsOf(context.request, invitation);
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
