import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import {
  AccountDeactivateInput,
  AccountDeactivatePayload,
  PasswordChangeInput,
  PasswordChangePayload,
  PasswordResetInput,
  PasswordResetPayload,
  PasswordResetRequestInput,
  PasswordResetRequestPayload,
  RevokedTokenList,
  SessionCreateInput,
  SessionCreatePayload,
  SessionMfaVerifyInput,
  SessionPayload,
  SessionRefreshInput,
  SessionRevokePayload,
  SessionSwitchOrganizationInput,
  UserRegisterInput,
} from './auth.inputs.js';

type Context = SubgraphContext<IdentityServices>;
type Payload = { userErrors: unknown[] };

@Resolver()
export class AuthResolver {
  constructor(private readonly services: IdentityServices) {}

  @Mutation(() => SessionPayload, { nullable: true, description: 'Create an account with its own organization and sign in.' })
  userRegister(@Arg('input', () => UserRegisterInput) input: UserRegisterInput): Promise<SessionPayload> {
    return mutationPayload(async () => ({ session: await this.services.accounts.register(input) }));
  }

  @Mutation(() => SessionCreatePayload, { nullable: true, description: 'Sign in with e-mail and password (5 failures lock sign-in for 15 minutes).' })
  sessionCreate(@Arg('input', () => SessionCreateInput) input: SessionCreateInput, @Ctx() context: Context): Promise<SessionCreatePayload> {
    return mutationPayload(() => this.services.sessions.signIn(input, context.request.clientAddress));
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Complete a sign-in with a second-factor code or a backup code.' })
  sessionMfaVerify(@Arg('input', () => SessionMfaVerifyInput) input: SessionMfaVerifyInput): Promise<SessionPayload> {
    return mutationPayload(async () => ({ session: await this.services.sessions.verifyMfa(input.challengeToken, input.code) }));
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Exchange a refresh token (once) for a new access token and refresh token.' })
  sessionRefresh(@Arg('input', () => SessionRefreshInput) input: SessionRefreshInput): Promise<SessionPayload> {
    return mutationPayload(async () => ({ session: await this.services.sessions.refresh(input.refreshToken) }));
  }

  @Mutation(() => SessionPayload, { nullable: true, description: 'Act in another organization you belong to (a new access token).' })
  sessionSwitchOrganization(
    @Arg('input', () => SessionSwitchOrganizationInput) input: SessionSwitchOrganizationInput,
    @Ctx() context: Context,
  ): Promise<SessionPayload> {
    return mutationPayload(async () => ({ session: await this.services.sessions.switchOrganization(context.request, input.organizationId) }));
  }

  @Mutation(() => SessionRevokePayload, { nullable: true, description: 'Sign out this session.' })
  sessionRevoke(@Ctx() context: Context): Promise<SessionRevokePayload> {
    return mutationPayload(async () => ({ revokedSessionCount: await this.services.sessions.revoke(context.request) }));
  }

  @Mutation(() => SessionRevokePayload, { nullable: true, description: 'Sign out every session of your account.' })
  sessionRevokeAll(@Ctx() context: Context): Promise<SessionRevokePayload> {
    return mutationPayload(async () => ({ revokedSessionCount: await this.services.sessions.revokeAll(context.request) }));
  }

  @Mutation(() => PasswordResetRequestPayload, { nullable: true, description: 'E-mail a password reset link (same answer whether or not the account exists).' })
  passwordResetRequest(@Arg('input', () => PasswordResetRequestInput) input: PasswordResetRequestInput): Promise<Payload> {
    return mutationPayload(async () => (await this.services.accounts.requestPasswordReset(input.email), {}));
  }

  @Mutation(() => PasswordResetPayload, { nullable: true, description: 'Set a new password with the token of a reset e-mail; signs out every session.' })
  passwordReset(@Arg('input', () => PasswordResetInput) input: PasswordResetInput): Promise<Payload> {
    return mutationPayload(async () => (await this.services.accounts.resetPassword(input), {}));
  }

  @Mutation(() => PasswordChangePayload, { nullable: true, description: 'Change your password; your other sessions are signed out.' })
  passwordChange(@Arg('input', () => PasswordChangeInput) input: PasswordChangeInput, @Ctx() context: Context): Promise<Payload> {
    return mutationPayload(async () => (await this.services.accounts.changePassword(context.request, input), {}));
  }

  @Mutation(() => AccountDeactivatePayload, { nullable: true, description: 'Deactivate your account: it can no longer sign in.' })
  accountDeactivate(@Arg('input', () => AccountDeactivateInput) input: AccountDeactivateInput, @Ctx() context: Context): Promise<Payload> {
    return mutationPayload(async () => (await this.services.accounts.deactivate(context.request, input.password), {}));
  }

  @Mutation(() => Boolean, {
    description: 'For the gateway only: rebuild the revocation cache in Redis from the sessions and token generations recorded here.',
  })
  @Directive('@inaccessible')
  async _revocationCacheRebuild(@Ctx() context: Context): Promise<boolean> {
    await this.services.revocations.rebuildFor(context.request);
    return true;
  }

  @Query(() => RevokedTokenList, { description: 'For the gateway only: the recent revocations, to decide from while Redis (their cache) is unavailable.' })
  @Directive('@inaccessible')
  _revokedTokens(@Ctx() context: Context): Promise<RevokedTokenList> {
    return this.services.revocations.recentFor(context.request);
  }
}
