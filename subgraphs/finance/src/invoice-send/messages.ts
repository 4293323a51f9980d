import { defineMessages } from '@cellgraph/kernel';

/** The e-mail that carries an invoice's link to the customer, in the organization's default language. */
export const invoiceEmailTexts = defineMessages('finance.invoiceEmail', {
  subject: { en: 'Invoice {number} from {organization}', de: 'Rechnung {number} von {organization}' },
  greeting: { en: 'Hello,', de: 'Guten Tag,' },
  intro: {
    en: '{organization} sent you invoice {number} for {amount}, due {dueDate}.',
    de: '{organization} hat Ihnen die Rechnung {number} über {amount} gesendet, fällig am {dueDate}.',
  },
  action: { en: 'View it, download the PDF and pay online', de: 'Rechnung ansehen, PDF herunterladen und online bezahlen' },
});

/** The texts of an invoice's PDF. */
export const invoicePdfTexts = defineMessages('finance.invoicePdf', {
  title: { en: 'Invoice {number}', de: 'Rechnung {number}' },
  billTo: { en: 'Bill to', de: 'Rechnungsempfänger' },
  issueDate: { en: 'Issue date: {date}', de: 'Rechnungsdatum: {date}' },
  dueDate: { en: 'Due date: {date}', de: 'Fälligkeitsdatum: {date}' },
  currency: { en: 'Currency: {currency}', de: 'Währung: {currency}' },
  description: { en: 'Description', de: 'Beschreibung' },
  quantity: { en: 'Qty', de: 'Menge' },
  unitPrice: { en: 'Unit price', de: 'Einzelpreis' },
  taxRate: { en: 'Tax %', de: 'USt. %' },
  amount: { en: 'Amount', de: 'Betrag' },
  subtotal: { en: 'Subtotal', de: 'Zwischensumme' },
  discount: { en: 'Discount', de: 'Rabatt' },
  tax: { en: 'Tax', de: 'Steuer' },
  total: { en: 'Total ({currency})', de: 'Gesamt ({currency})' },
  paid: { en: 'Paid', de: 'Bezahlt' },
  amountDue: { en: 'Amount due ({currency})', de: 'Offener Betrag ({currency})' },
  notes: { en: 'Notes', de: 'Anmerkungen' },
  terms: { en: 'Terms', de: 'Bedingungen' },
  fileName: { en: 'Invoice {number}.pdf', de: 'Rechnung {number}.pdf' },
});
