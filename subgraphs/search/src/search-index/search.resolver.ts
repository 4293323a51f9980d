import type { SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RecentSearch } from '../recent-search/recent-search.type.js';
import type { SearchServices } from '../services.js';
import { SearchArgs, SearchResults } from './search.inputs.js';

type Context = SubgraphContext<SearchServices>;

@Resolver()
export class SearchResolver {
  constructor(private readonly services: SearchServices) {}

  @Query(() => SearchResults, {
    nullable: true,
    description: 'Objects of every module of the cell that you may read, best match first, with highlighted titles and snippets.',
  })
  search(@Args(() => SearchArgs) args: SearchArgs, @Ctx() context: Context): Promise<SearchResults> {
    return this.services.search.search(context.request, args);
  }

  @Query(() => [RecentSearch], { description: 'Your last searches, newest first.' })
  recentSearches(@Ctx() context: Context): Promise<RecentSearch[]> {
    return this.services.recentSearches.list(context.request);
  }
}
