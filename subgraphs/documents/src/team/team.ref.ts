import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Team entity as the documents subgraph sees it: only its key. Identity owns teams. */
@ObjectType('Team')
@Directive('@key(fields: "id", resolvable: false)')
export class TeamRef {
  @Field(() => ID)
  id!: string;

  static of(uuid: string): TeamRef {
    return Object.assign(new TeamRef(), { id: toGlobalId('Team', uuid) });
  }
}
