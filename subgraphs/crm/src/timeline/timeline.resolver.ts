import { FieldResolver, Resolver, Root } from 'type-graphql';
import { UserRef } from '../user/user.ref.js';
import { ContactActivity } from './timeline.inputs.js';

@Resolver(() => ContactActivity)
export class ContactActivityResolver {
  @FieldResolver(() => UserRef, { nullable: true, description: 'Who did it (null for the system).' })
  actor(@Root() activity: ContactActivity): UserRef | null {
    return activity.actorId ? UserRef.of(activity.actorId) : null;
  }
}
