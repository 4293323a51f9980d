import { activeTranslator } from '../../app/i18n';
import type { SearchProvider, SearchResult } from '../../app/registry';
import { NotesSearchQuery } from './operations';
import { shellMessages as m } from './shellMessages';

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
    const translator = activeTranslator();
    return (data?.notes?.nodes ?? []).map((note) => ({
      id: note.id,
      typename: 'Note',
      title: note.title || translator.t(m.untitled),
      subtitle: [translator.t(m.searchNote), note.excerpt].filter(Boolean).join(' · '),
    }));
  },
};
