import { UserError, UserErrorsPayload } from '@cellgraph/kernel';
import { Field, InputType, ObjectType } from 'type-graphql';

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

export const MfaDisablePayload = UserErrorsPayload('MfaDisablePayload');

@InputType()
export class MfaEnrollConfirmInput {
  @Field({ description: 'A code from the authenticator app.' }) code!: string;
}

@InputType()
export class MfaDisableInput {
  @Field() password!: string;
}
