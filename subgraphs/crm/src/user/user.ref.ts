import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The User entity as the CRM sees it: its key. Identity owns users; the CRM adds `contacts` and `deals`. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id!: string;

  static of(uuid: string): UserRef {
    return Object.assign(new UserRef(), { id: toGlobalId('User', uuid) });
  }
}
