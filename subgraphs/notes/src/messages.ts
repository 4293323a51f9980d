import { defineMessages } from '@cellgraph/kernel';

/** The messages of notes's errors answered to users (userErrors), in every language. */
export const noteErrorTexts = defineMessages('notes.errors', {
  noteNotFound: { en: 'No note with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Notiz mit dieser ID' },
  revisionConflict: {
    en: 'The note was saved meanwhile: it is at revision {current}',
    de: 'Die Notiz wurde inzwischen gespeichert: Sie ist bei Revision {current}',
  },
  revisionNotFound: { en: 'The note has no revision with this number', de: 'Die Notiz hat keine Revision mit dieser Nummer' },
  teamNotFound: { en: 'No team with this id exists in your organization', de: 'In Ihrer Organisation gibt es kein Team mit dieser ID' },
  userNotMember: { en: 'This user is not a member of your organization', de: 'Diese Person ist kein Mitglied Ihrer Organisation' },
  objectNotFound: { en: 'No object with this id exists in your organization', de: 'In Ihrer Organisation gibt es kein Objekt mit dieser ID' },
});
