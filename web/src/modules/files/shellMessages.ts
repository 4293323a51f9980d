import { defineMessages } from '../../app/i18n';

/**
 * What the app shows of Files before its pages' chunk loads (navigation, Cmd+K commands, widget
 * and settings titles): kept apart from messages.ts so the first load stays small.
 */
export const shellMessages = defineMessages('web.files.shell', {
  navFiles: { en: 'Files', de: 'Dateien' },
  commandNewFolder: { en: 'New folder', de: 'Neuer Ordner' },
  commandGoToFiles: { en: 'Go to files', de: 'Zu den Dateien' },
  widgetAttachments: { en: 'Attachments', de: 'Anhänge' },
  settingsAvatar: { en: 'Avatar', de: 'Avatar' },
});
