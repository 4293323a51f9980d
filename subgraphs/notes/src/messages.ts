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
  authorRestoresOnly: { en: 'Only the author may restore this note', de: 'Nur wer die Notiz verfasst hat, darf sie wiederherstellen' },
  authorChangesOnly: { en: 'Only the author may change this note', de: 'Nur wer die Notiz verfasst hat, darf sie ändern' },
  titleTooLong: { en: 'The title must be at most 200 characters', de: 'Der Titel darf höchstens 200 Zeichen haben' },
  tooManyUsers: { en: 'At most 100 users', de: 'Höchstens 100 Benutzer' },
  tooManyObjects: { en: 'At most 50 objects', de: 'Höchstens 50 Objekte' },
  objectRequired: { en: 'Give at least one object', de: 'Geben Sie mindestens ein Objekt an' },
  bodyTooDeep: { en: 'The body is nested deeper than {max} levels', de: 'Der Text ist tiefer als {max} Ebenen verschachtelt' },
  bodyTooLarge: { en: 'The body is larger than {max} KiB', de: 'Der Text ist größer als {max} KiB' },
  bodyNotADocument: {
    en: 'The body must be a document: \'{ "type": "doc", "content": [...] }\'',
    de: 'Der Text muss ein Dokument sein: \'{ "type": "doc", "content": [...] }\'',
  },
});
