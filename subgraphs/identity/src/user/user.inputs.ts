import { UserError } from '@cellgraph/kernel';
import { Field, InputType, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';

@InputType({ description: 'Your own profile; an omitted field stays as it is, null clears it.' })
export class UserUpdateInput {
  @Field(() => String, { nullable: true, description: '1–100 characters.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'An https URL.' }) avatarUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Paris.' }) timeZone?: string | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag, e.g. fr-CA.' }) locale?: string | null;
}

@ObjectType()
export class UserUpdatePayload {
  @Field(() => User, { nullable: true }) user?: User;
  @Field(() => [UserError]) userErrors!: UserError[];
}
