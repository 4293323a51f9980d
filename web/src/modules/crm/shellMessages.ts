import { defineMessages } from '../../app/i18n';

/**
 * What the app shows of the CRM before its pages' chunk loads (navigation, Cmd+K commands and
 * results, home widget titles): kept apart from messages.ts so the first load stays small.
 */
export const shellMessages = defineMessages('web.crm.shell', {
  navContacts: { en: 'Contacts', de: 'Kontakte' },
  navDeals: { en: 'Deals', de: 'Deals' },
  commandNewContact: { en: 'New contact', de: 'Neuer Kontakt' },
  commandNewDeal: { en: 'New deal', de: 'Neuer Deal' },
  commandForecast: { en: 'Go to Forecast', de: 'Zur Prognose' },
  widgetDealsForecast: { en: 'Deals forecast', de: 'Deal-Prognose' },
  widgetNewContacts: { en: 'New contacts per week', de: 'Neue Kontakte pro Woche' },
  searchContact: { en: 'Contact', de: 'Kontakt' },
  searchDeal: { en: 'Deal', de: 'Deal' },
});
