import type { ApolloClient } from '@apollo/client';
import type { ModuleDefinition, SearchResult } from '../../app/registry';
import { SearchPaletteQuery } from './operations';

const LIMIT = 12;

/**
 * The search module: Cmd+K asks its `search` alone (every module's objects, ranked, typo-tolerant,
 * only what the caller may read) instead of each module's own provider.
 */
export const searchModule: ModuleDefinition = {
  subgraph: 'search',
  search: {
    everyModule: true,
    async search(client: ApolloClient, text: string, signal: AbortSignal): Promise<SearchResult[]> {
      const { data, error } = await client.query({
        query: SearchPaletteQuery,
        variables: { query: text.slice(0, 200), first: LIMIT },
        fetchPolicy: 'network-only',
        context: { fetchOptions: { signal } },
      });
      if (error) throw error;
      return (data?.search?.nodes ?? []).map((result) => ({
        id: result.node.id,
        typename: result.type,
        title: result.title.text,
        titleHighlights: result.title.highlights,
        subtitle: result.type,
        snippet: result.snippet ?? undefined,
      }));
    },
  },
};
