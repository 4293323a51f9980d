import { defineMessages } from '@cellgraph/kernel';

export const notificationErrorTexts = defineMessages('notifications.errors', {
  notificationNotFound: { en: 'No notification of yours has this id', de: 'Keine Ihrer Benachrichtigungen hat diese ID' },
  markReadCount: { en: 'Give 1 to {max} notifications', de: 'Geben Sie 1 bis {max} Benachrichtigungen an' },
  preferenceNotFound: { en: 'You have no preference for this event', de: 'Sie haben keine Einstellung für dieses Ereignis' },
  templateNotFound: { en: 'Your organization has no template for this event', de: 'Ihre Organisation hat keine Vorlage für dieses Ereignis' },
  eventPatternTooLong: { en: 'An event pattern has at most 100 characters', de: 'Ein Ereignismuster hat höchstens 100 Zeichen' },
  eventPatternFormat: {
    en: 'Use an event type (task.assigned), a prefix (task.*) or *',
    de: 'Verwenden Sie einen Ereignistyp (task.assigned), ein Präfix (task.*) oder *',
  },
  subjectEmpty: { en: 'The subject cannot be empty', de: 'Der Betreff darf nicht leer sein' },
  subjectTooLong: { en: 'The subject has at most 500 characters', de: 'Der Betreff hat höchstens 500 Zeichen' },
  htmlEmpty: { en: 'The HTML body cannot be empty', de: 'Der HTML-Text darf nicht leer sein' },
  htmlTooLong: { en: 'The HTML body has at most 100,000 characters', de: 'Der HTML-Text hat höchstens 100.000 Zeichen' },
  textEmpty: { en: 'The text body cannot be empty', de: 'Der Nur-Text darf nicht leer sein' },
  textTooLong: { en: 'The text body has at most 100,000 characters', de: 'Der Nur-Text hat höchstens 100.000 Zeichen' },
});

/** Descriptions of its scheduled jobs (the cell's job registry). */
export const notificationJobMessages = defineMessages('notifications.jobs', {
  hourlyDigest: { en: 'Sends the hourly digest e-mails of what is waiting', de: 'Versendet die stündlichen Sammel-E-Mails mit dem, was wartet' },
  dailyDigest: { en: 'Sends the daily digest e-mails of what is waiting', de: 'Versendet die täglichen Sammel-E-Mails mit dem, was wartet' },
  deliverySweep: {
    en: 'Queues again immediate deliveries still waiting after a minute',
    de: 'Stellt sofortige Zustellungen erneut ein, die nach einer Minute noch warten',
  },
});
