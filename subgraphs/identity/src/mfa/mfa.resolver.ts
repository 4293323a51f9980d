import { mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { MfaDisableInput, MfaDisablePayload, MfaEnrollConfirmInput, MfaEnrollConfirmPayload, MfaEnrollStartPayload } from './mfa.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver()
export class MfaResolver {
  constructor(private readonly services: IdentityServices) {}

  @Mutation(() => MfaEnrollStartPayload, { nullable: true, description: 'Start turning on two-factor authentication.' })
  mfaEnrollStart(@Ctx() context: Context): Promise<MfaEnrollStartPayload> {
    return mutationPayload(() => this.services.mfa.enrollStart(context.request));
  }

  @Mutation(() => MfaEnrollConfirmPayload, { nullable: true, description: 'Confirm with a first code: two-factor authentication is on.' })
  mfaEnrollConfirm(@Arg('input', () => MfaEnrollConfirmInput) input: MfaEnrollConfirmInput, @Ctx() context: Context): Promise<MfaEnrollConfirmPayload> {
    return mutationPayload(async () => ({ backupCodes: await this.services.mfa.enrollConfirm(context.request, input.code) }));
  }

  @Mutation(() => MfaDisablePayload, { nullable: true, description: 'Turn two-factor authentication off (needs the password).' })
  mfaDisable(@Arg('input', () => MfaDisableInput) input: MfaDisableInput, @Ctx() context: Context): Promise<{ userErrors: UserError[] }> {
    return mutationPayload(async () => (await this.services.mfa.disable(context.request, input.password), {}));
  }
}
