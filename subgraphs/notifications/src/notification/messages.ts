import { defineMessages } from '@cellgraph/kernel';

export const notificationErrorTexts = defineMessages('notifications.errors', {
  notificationNotFound: { en: 'No notification of yours has this id', de: 'Keine Ihrer Benachrichtigungen hat diese ID' },
  markReadCount: { en: 'Give 1 to {max} notifications', de: 'Geben Sie 1 bis {max} Benachrichtigungen an' },
  preferenceNotFound: { en: 'You have no preference for this event', de: 'Sie haben keine Einstellung für dieses Ereignis' },
  templateNotFound: { en: 'Your organization has no template for this event', de: 'Ihre Organisation hat keine Vorlage für dieses Ereignis' },
});
