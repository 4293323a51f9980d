import type { SearchProvider, SearchResult } from '../../app/registry';
import { NotesSearchQuery } from './operations';

const LIMIT = 5;

/** Cmd+K: notes whose title or text contains what is typed. */
export const notesSearch: SearchProvider = {
  async search(client, text, signal): Promise<SearchResult[]> {
    const { data, error } = await client.query({
      query: NotesSearchQuery,
      variables: { text, first: LIMIT },
      fetchPolicy: 'network-only',
      context: { fetchOptions: { signal } },
    });
    if (error) throw error;
    return (data?.notes?.nodes ?? []).map((note) => ({
      id: note.id,
      typename: 'Note',
      title: note.title || 'Untitled',
      subtitle: ['Note', note.excerpt].filter(Boolean).join(' · '),
    }));
  },
};
