import { defineMessages } from '@cellgraph/kernel';

/** The messages of search's errors answered to users (userErrors), in every language. */
export const searchErrorTexts = defineMessages('search.errors', {
  savedSearchNotFound: {
    en: 'No saved search with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine gespeicherte Suche mit dieser ID',
  },
  readCheckUnavailable: {
    en: 'Search cannot check what you may read now; try again later',
    de: 'Die Suche kann gerade nicht prüfen, was Sie lesen dürfen; versuchen Sie es später erneut',
  },
  invalidCursor: { en: 'after is not a valid cursor', de: 'after ist kein gültiger Cursor' },
  queryEmpty: { en: 'The query is empty', de: 'Die Suchanfrage ist leer' },
  queryMax: { en: 'The query must be at most 200 characters', de: 'Die Suchanfrage darf höchstens 200 Zeichen haben' },
  typesFormat: { en: 'Types are Node type names', de: 'Typen sind Namen von Node-Typen' },
  nameRequired: { en: 'Name is required', de: 'Ein Name ist erforderlich' },
  nameTooLong: { en: 'Name must be at most 200 characters', de: 'Der Name darf höchstens 200 Zeichen haben' },
  queryRequired: { en: 'Query is required', de: 'Eine Suchanfrage ist erforderlich' },
  queryTooLong: { en: 'Query must be at most 200 characters', de: 'Die Suchanfrage darf höchstens 200 Zeichen haben' },
});
