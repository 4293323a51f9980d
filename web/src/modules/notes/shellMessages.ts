import { defineMessages } from '../../app/i18n';

/**
 * What the app shows of Notes before its pages' chunk loads (navigation, Cmd+K commands and
 * results, widget titles): kept apart from messages.ts so the first load stays small.
 */
export const shellMessages = defineMessages('web.notes.shell', {
  navNotes: { en: 'Notes', de: 'Notizen' },
  widgetNotes: { en: 'Notes', de: 'Notizen' },
  commandNewNote: { en: 'New note', de: 'Neue Notiz' },
  commandGoToNotes: { en: 'Go to notes', de: 'Zu den Notizen' },
  searchNote: { en: 'Note', de: 'Notiz' },
  untitled: { en: 'Untitled', de: 'Ohne Titel' },
});
