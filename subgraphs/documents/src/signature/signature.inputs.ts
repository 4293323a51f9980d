import { UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SignatureRequest } from './signature.entity.js';

@InputType()
export class DocumentSignerInput {
  @Field()
  name!: string;

  @Field()
  email!: string;

  @Field(() => Int, { description: '1 signs first; signers of one order are asked together.' })
  order!: number;
}

@InputType()
export class DocumentSendForSignatureInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [DocumentSignerInput], { description: '1 to 20 signers, each e-mail once.' })
  signers!: DocumentSignerInput[];

  @Field(() => String, { nullable: true, description: 'Shown to the signers (up to 2,000 characters).' })
  message?: string | null;
}

@InputType()
export class DocumentSignatureVoidInput {
  @Field(() => ID, { description: 'The document whose request out for signature is recalled.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Why (up to 500 characters); the provider tells the signers.' })
  reason?: string | null;
}

@ObjectType()
export class DocumentSignaturePayload {
  @Field(() => SignatureRequest, { nullable: true })
  signature?: SignatureRequest;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
