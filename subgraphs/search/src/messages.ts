import { defineMessages } from '@cellgraph/kernel';

/** The messages of search's errors answered to users (userErrors), in every language. */
export const searchErrorTexts = defineMessages('search.errors', {
  savedSearchNotFound: {
    en: 'No saved search with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine gespeicherte Suche mit dieser ID',
  },
});
