import { defineMessages } from '../../app/i18n';

/** The texts the shell shows for finance before its pages load (navigation, widget title, commands): kept apart from the pages' catalog, which loads with them. */
export const moduleMessages = defineMessages('web.finance.module', {
  navigation: { en: 'Finance', de: 'Finanzen' },
  invoicesWidget: { en: 'Invoices', de: 'Rechnungen' },
  newInvoice: { en: 'New invoice', de: 'Neue Rechnung' },
  goToInvoices: { en: 'Go to invoices', de: 'Zu den Rechnungen' },
  submitExpense: { en: 'Submit expense', de: 'Ausgabe einreichen' },
  goToExpenses: { en: 'Go to expenses', de: 'Zu den Ausgaben' },
  goToReports: { en: 'Go to finance reports', de: 'Zu den Finanzberichten' },
});
