import { defineMessages } from '../../app/i18n';

/** The texts the shell shows for documents before its pages load (navigation, commands): kept apart from the pages' catalog, which loads with them. */
export const moduleMessages = defineMessages('web.documents.module', {
  navigation: { en: 'Documents', de: 'Dokumente' },
  newDocument: { en: 'New document', de: 'Neues Dokument' },
  goToDocuments: { en: 'Go to documents', de: 'Zu den Dokumenten' },
});
