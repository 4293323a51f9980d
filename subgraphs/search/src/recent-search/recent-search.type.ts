import { GraphQLDateTimeISO } from '@cellgraph/kernel';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A search you ran lately.' })
export class RecentSearch {
  @Field()
  query!: string;

  @Field(() => [String], { description: 'The Node types it was limited to; empty: every type.' })
  types!: string[];

  @Field(() => GraphQLDateTimeISO, { description: 'When you last ran it.' })
  searchedAt!: Date;
}
