import { UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserRef } from '../user/user.ref.js';

@InputType()
export class UserAvatarSetInput {
  @Field(() => ID, { nullable: true, description: 'Whose avatar: yourself when omitted; owners and admins may name members they manage.' })
  userId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An image File you uploaded (completed, not in the trash, at most FILE_AVATAR_MAX_SIZE bytes); null clears the avatar.',
  })
  fileId!: string | null;
}

@ObjectType()
export class UserAvatarSetPayload {
  @Field(() => UserRef, { nullable: true, description: 'The user, whose `avatar` is now the file (or null).' })
  user?: UserRef;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
