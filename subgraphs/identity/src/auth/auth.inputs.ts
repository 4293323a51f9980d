import { GraphQLDateTimeISO, UserError, UserErrorsPayload } from '@cellgraph/kernel';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';

@ObjectType({ description: 'A signed-in session: send `accessToken` as `Authorization: Bearer <token>`.' })
export class Session {
  @Field({ description: 'Short-lived access token (a JWT).' })
  accessToken!: string;

  @Field(() => GraphQLDateTimeISO, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'Exchange for a new access token with sessionRefresh (single use). Present when a new one was issued.' })
  refreshToken!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  refreshTokenExpiresAt!: Date | null;

  @Field(() => User)
  user!: User;

  @Field(() => Organization, { nullable: true, description: 'The organization this session acts in.' })
  organization!: Organization | null;
}

@ObjectType({ description: 'Sign-in needs a second factor: answer with sessionMfaVerify.' })
export class MfaChallenge {
  @Field()
  challengeToken!: string;

  @Field(() => GraphQLDateTimeISO)
  expiresAt!: Date;
}

@ObjectType()
export class SessionPayload {
  @Field(() => Session, { nullable: true })
  session?: Session;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class SessionCreatePayload {
  @Field(() => Session, { nullable: true })
  session?: Session;

  @Field(() => MfaChallenge, { nullable: true, description: 'Set instead of session when the account has two-factor authentication.' })
  mfaChallenge?: MfaChallenge;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class SessionRevokePayload {
  @Field(() => Int, { nullable: true, description: 'How many sessions were signed out.' })
  revokedSessionCount?: number;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const PasswordResetRequestPayload = UserErrorsPayload(
  'PasswordResetRequestPayload',
  'Always the same answer, whether or not the e-mail has an account.',
);
export const PasswordResetPayload = UserErrorsPayload('PasswordResetPayload');
export const PasswordChangePayload = UserErrorsPayload('PasswordChangePayload');
export const AccountDeactivatePayload = UserErrorsPayload('AccountDeactivatePayload');

@InputType()
export class UserRegisterInput {
  @Field() email!: string;
  @Field() name!: string;
  @Field({ description: 'At least 12 characters, with an upper-case letter, a digit and a special character.' }) password!: string;
  @Field(() => String, { nullable: true, description: 'Name of the organization created for the new user.' }) organizationName?: string | null;
}

@InputType()
export class SessionCreateInput {
  @Field() email!: string;
  @Field() password!: string;
  @Field(() => ID, { nullable: true, description: 'Organization to act in; defaults to the first one joined.' }) organizationId?: string | null;
}

@InputType()
export class SessionMfaVerifyInput {
  @Field() challengeToken!: string;
  @Field({ description: 'A code from the authenticator app, or an unused backup code.' }) code!: string;
}

@InputType()
export class SessionRefreshInput {
  @Field() refreshToken!: string;
}

@InputType()
export class SessionSwitchOrganizationInput {
  @Field(() => ID) organizationId!: string;
}

@InputType()
export class PasswordResetRequestInput {
  @Field() email!: string;
}

@InputType()
export class PasswordResetInput {
  @Field({ description: 'The token from the reset e-mail.' }) token!: string;
  @Field() password!: string;
}

@InputType()
export class PasswordChangeInput {
  @Field() currentPassword!: string;
  @Field() newPassword!: string;
}

@InputType()
export class AccountDeactivateInput {
  @Field() password!: string;
}

@ObjectType({ description: 'A user whose access tokens of an older generation are revoked.' })
@Directive('@inaccessible')
export class RevokedUserTokens {
  @Field(() => ID)
  userId!: string;

  @Field(() => Int)
  generation!: number;
}

@ObjectType({ description: 'The revocations younger than an access token, for the gateway to decide from while Redis is unavailable.' })
@Directive('@inaccessible')
export class RevokedTokenList {
  @Field(() => [ID])
  sessionIds!: string[];

  @Field(() => [RevokedUserTokens])
  users!: RevokedUserTokens[];
}
