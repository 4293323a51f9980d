import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SearchServices } from '../services.js';
import { SavedSearch } from './saved-search.entity.js';
import {
  SavedSearchConnection,
  SavedSearchCreateInput,
  SavedSearchDeleteInput,
  SavedSearchDeletePayload,
  SavedSearchPayload,
  SavedSearchRestoreInput,
  SavedSearchesArgs,
  SavedSearchUpdateInput,
} from './saved-search.inputs.js';
import { loadSavedSearch } from './saved-search.loaders.js';

type Context = SubgraphContext<SearchServices>;

@Resolver(() => SavedSearch)
export class SavedSearchResolver {
  constructor(private readonly services: SearchServices) {}

  @Query(() => SavedSearch, { nullable: true, description: 'One of your saved searches, or null.' })
  savedSearch(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<SavedSearch | null> {
    requireOrgId(context.request);
    return loadSavedSearch(context, fromGlobalId('SavedSearch', id));
  }

  @Query(() => SavedSearchConnection, { nullable: true, description: 'Your saved searches.' })
  savedSearches(@Args(() => SavedSearchesArgs) args: SavedSearchesArgs, @Ctx() context: Context): Promise<Connection<SavedSearch>> {
    return this.services.savedSearches.list(context.request, args);
  }

  @Mutation(() => SavedSearchPayload, { nullable: true })
  savedSearchCreate(@Arg('input', () => SavedSearchCreateInput) input: SavedSearchCreateInput, @Ctx() context: Context): Promise<SavedSearchPayload> {
    return mutationPayload(async () => ({ savedSearch: await this.services.savedSearches.create(context.request, input) }));
  }

  @Mutation(() => SavedSearchPayload, { nullable: true })
  savedSearchUpdate(@Arg('input', () => SavedSearchUpdateInput) input: SavedSearchUpdateInput, @Ctx() context: Context): Promise<SavedSearchPayload> {
    return mutationPayload(async () => ({ savedSearch: await this.services.savedSearches.update(context.request, input) }));
  }

  @Mutation(() => SavedSearchDeletePayload, { nullable: true, description: 'Move a saved search to the trash (it can be restored).' })
  savedSearchDelete(@Arg('input', () => SavedSearchDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedSavedSearchId: await this.services.savedSearches.delete(context.request, input) }));
  }

  @Mutation(() => SavedSearchPayload, { nullable: true, description: 'Bring a saved search back from the trash.' })
  savedSearchRestore(@Arg('input', () => SavedSearchRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<SavedSearchPayload> {
    return mutationPayload(async () => ({ savedSearch: await this.services.savedSearches.restore(context.request, input) }));
  }
}
