import { defineMessages } from '@cellgraph/kernel';

/** The messages of webhooks' errors answered to users (userErrors), in every language. */
export const webhooksErrorTexts = defineMessages('webhooks.errors', {
  endpointNotFound: {
    en: 'No webhook endpoint with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keinen Webhook-Endpunkt mit dieser ID',
  },
  deliveryNotFound: {
    en: 'No webhook delivery with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine Webhook-Zustellung mit dieser ID',
  },
  urlTooLong: { en: 'The URL must be at most 2048 characters', de: 'Die URL darf höchstens 2048 Zeichen lang sein' },
  urlRefused: {
    en: 'This URL cannot receive webhooks: {reason}',
    de: 'Diese URL kann keine Webhooks empfangen: {reason}',
  },
  urlInvalid: { en: 'not an http(s) URL', de: 'keine http(s)-URL' },
  urlNotHttps: { en: 'it must use https', de: 'sie muss https verwenden' },
  urlCredentials: { en: 'it must not contain a user name or password', de: 'sie darf keinen Benutzernamen und kein Passwort enthalten' },
  urlUnresolvable: { en: 'its host name does not resolve', de: 'ihr Hostname lässt sich nicht auflösen' },
  urlInternal: {
    en: 'its host resolves to a private or internal address',
    de: 'ihr Host verweist auf eine private oder interne Adresse',
  },
  descriptionTooLong: { en: 'The description must be at most 10,000 characters', de: 'Die Beschreibung darf höchstens 10.000 Zeichen lang sein' },
  eventTypesRequired: { en: 'Choose at least one event type', de: 'Wählen Sie mindestens einen Ereignistyp' },
  eventTypesTooMany: { en: 'At most 300 event types', de: 'Höchstens 300 Ereignistypen' },
  unknownEventType: {
    en: 'Unknown event type {type}: use a type of webhookEventTypes, a prefix such as task.* or *',
    de: 'Unbekannter Ereignistyp {type}: Verwenden Sie einen Typ aus webhookEventTypes, ein Präfix wie task.* oder *',
  },
  overlapHours: { en: 'The overlap is 0 to 168 hours', de: 'Die Überlappung beträgt 0 bis 168 Stunden' },
  endpointDisabled: {
    en: 'This webhook endpoint is disabled: enable it first',
    de: 'Dieser Webhook-Endpunkt ist deaktiviert: Aktivieren Sie ihn zuerst',
  },
});
