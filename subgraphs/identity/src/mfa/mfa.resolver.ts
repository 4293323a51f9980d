import { mutationPayload, requireUserId, UserError, UserErrorsPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';

type Context = SubgraphContext<IdentityServices>;

@ObjectType()
export class MfaEnrollStartPayload {
  @Field(() => String, { nullable: true, description: 'The secret, base32, for manual entry.' }) secret?: string;
  @Field(() => String, { nullable: true, description: 'otpauth:// URL for a QR code.' }) otpauthUrl?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class MfaEnrollConfirmPayload {
  @Field(() => [String], { nullable: true, description: 'Ten single-use backup codes, shown this once.' }) backupCodes?: string[];
  @Field(() => [UserError]) userErrors!: UserError[];
}

const MfaDisablePayload = UserErrorsPayload('MfaDisablePayload');

@InputType()
export class MfaEnrollConfirmInput {
  @Field({ description: 'A code from the authenticator app.' }) code!: string;
}

@InputType()
export class MfaDisableInput {
  @Field() password!: string;
}

@Resolver()
export class MfaResolver {
  constructor(private readonly services: IdentityServices) {}

  @Mutation(() => MfaEnrollStartPayload, { nullable: true, description: 'Start turning on two-factor authentication.' })
  mfaEnrollStart(@Ctx() context: Context): Promise<MfaEnrollStartPayload> {
    const userId = requireUserId(context.request);
    return mutationPayload(() => this.services.mfa.enrollStart(userId));
  }

  @Mutation(() => MfaEnrollConfirmPayload, { nullable: true, description: 'Confirm with a first code: two-factor authentication is on.' })
  mfaEnrollConfirm(@Arg('input', () => MfaEnrollConfirmInput) input: MfaEnrollConfirmInput, @Ctx() context: Context): Promise<MfaEnrollConfirmPayload> {
    const userId = requireUserId(context.request);
    return mutationPayload(async () => ({ backupCodes: await this.services.mfa.enrollConfirm(userId, input.code) }));
  }

  @Mutation(() => MfaDisablePayload, { nullable: true, description: 'Turn two-factor authentication off (needs the password).' })
  mfaDisable(@Arg('input', () => MfaDisableInput) input: MfaDisableInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    const userId = requireUserId(context.request);
    return mutationPayload(async () => (await this.services.mfa.disable(userId, input.password), {}));
  }
}
