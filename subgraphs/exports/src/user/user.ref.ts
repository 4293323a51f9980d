import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The User entity as the exports subgraph sees it: only its key. Identity owns users. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserRef {
  /** The global id. */
  @Field(() => ID)
  id!: string;

  static of(uuid: string): UserRef {
    return Object.assign(new UserRef(), { id: toGlobalId('User', uuid) });
  }
}
