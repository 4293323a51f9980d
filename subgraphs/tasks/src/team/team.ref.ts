import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Team entity as the tasks subgraph sees it: its key; tasks adds `tasks`. */
@ObjectType('Team')
@Directive('@key(fields: "id")')
export class TeamRef {
  @Field(() => ID)
  id!: string;

  static of(uuid: string): TeamRef {
    return Object.assign(new TeamRef(), { id: toGlobalId('Team', uuid) });
  }
}
