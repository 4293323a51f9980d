import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in its connection (Relay cursor connections).' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'More items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'More items come before the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
