import { defineMessages } from '@cellgraph/kernel';

/** The messages of finance's errors answered to users (userErrors), in every language. */
export const financeErrorTexts = defineMessages('finance.errors', {
  invoiceNotFound: { en: 'No invoice with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Rechnung mit dieser ID' },
  invoiceLineNotFound: {
    en: 'No invoice line with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine Rechnungsposition mit dieser ID',
  },
  contactNotFound: { en: 'No contact with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Kontakt mit dieser ID' },
  dealNotFound: { en: 'No deal with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Deal mit dieser ID' },
  invoiceNotEditable: {
    en: 'A {status} invoice cannot change its lines, amounts, dates or customer (only a DRAFT can): void it and duplicate it instead',
    de: 'Bei einer Rechnung im Status {status} können sich Positionen, Beträge, Daten und Kunde nicht mehr ändern (nur bei DRAFT): Stornieren und duplizieren Sie sie stattdessen',
  },
  invoiceNotDeletable: {
    en: 'Only a DRAFT invoice can be deleted; a {status} one is voided instead',
    de: 'Nur eine Rechnung im Status DRAFT kann gelöscht werden; eine im Status {status} wird stattdessen storniert',
  },
  invoiceInvalidTransition: { en: 'An invoice cannot go from {from} to {to}', de: 'Eine Rechnung kann nicht von {from} zu {to} wechseln' },
  invoiceTotalTooLarge: {
    en: 'The invoice’s total would exceed 15 digits before the decimal point',
    de: 'Der Gesamtbetrag der Rechnung hätte mehr als 15 Stellen vor dem Komma',
  },
  invoiceTooManyLines: { en: 'An invoice has at most {max} lines', de: 'Eine Rechnung hat höchstens {max} Positionen' },
  datesFormat: { en: 'Dates are YYYY-MM-DD', de: 'Datumsangaben haben das Format YYYY-MM-DD' },
  periodInverted: { en: '`to` cannot be before `from`', de: '`to` kann nicht vor `from` liegen' },
  periodTooLong: { en: 'A report covers at most ten years', de: 'Ein Bericht umfasst höchstens zehn Jahre' },
  recurringNotFound: {
    en: 'No recurring invoice with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine wiederkehrende Rechnung mit dieser ID',
  },
  recurringAlreadyRunning: {
    en: 'This invoice is already the template of a running recurring invoice',
    de: 'Diese Rechnung ist bereits die Vorlage einer laufenden wiederkehrenden Rechnung',
  },
  recurringStopped: {
    en: 'This recurring invoice was stopped; make the invoice recurring again instead',
    de: 'Diese wiederkehrende Rechnung wurde beendet; machen Sie die Rechnung stattdessen erneut wiederkehrend',
  },
  recurringVoidTemplate: {
    en: 'A VOID invoice cannot be the template of a recurring invoice',
    de: 'Eine Rechnung im Status VOID kann nicht Vorlage einer wiederkehrenden Rechnung sein',
  },
  recurringEndBeforeNext: { en: 'The end date cannot be before the next issue date', de: 'Das Enddatum kann nicht vor dem nächsten Ausstellungsdatum liegen' },
  recurringNoRecipient: {
    en: 'The contact has no e-mail address: give the recipients of auto-sent invoices in `sendTo`',
    de: 'Der Kontakt hat keine E-Mail-Adresse: Geben Sie die Empfänger automatisch gesendeter Rechnungen in `sendTo` an',
  },
  paymentNotFound: { en: 'No payment with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Zahlung mit dieser ID' },
  paymentNotAccepted: {
    en: 'A {status} invoice takes no payments or credits (only SENT, VIEWED, PARTIALLY_PAID and OVERDUE ones do)',
    de: 'Eine Rechnung im Status {status} nimmt keine Zahlungen oder Gutschriften an (nur SENT, VIEWED, PARTIALLY_PAID und OVERDUE)',
  },
  nothingDue: { en: 'Nothing is due on this invoice', de: 'Auf diese Rechnung ist nichts fällig' },
  exceedsAmountDue: {
    en: 'The amount exceeds what is due on the invoice ({due} {currency})',
    de: 'Der Betrag übersteigt den auf die Rechnung fälligen Betrag ({due} {currency})',
  },
  refundExceedsPaid: {
    en: 'A refund cannot exceed what was paid and not yet refunded ({refundable} {currency})',
    de: 'Eine Erstattung kann den bezahlten und noch nicht erstatteten Betrag nicht übersteigen ({refundable} {currency})',
  },
  providerUnavailable: {
    en: 'The payment provider did not answer; try again (with the same idempotency key)',
    de: 'Der Zahlungsanbieter hat nicht geantwortet; versuchen Sie es erneut (mit demselben Idempotenzschlüssel)',
  },
  paymentAmount: { en: 'More than 0, with at most {decimals} decimals ({currency})', de: 'Mehr als 0, mit höchstens {decimals} Nachkommastellen ({currency})' },
  receivedInFuture: { en: 'When the money arrived cannot be in the future', de: 'Der Zahlungseingang kann nicht in der Zukunft liegen' },
  sendNoLines: {
    en: 'An invoice without lines cannot be sent: add a line first',
    de: 'Eine Rechnung ohne Positionen kann nicht gesendet werden: Fügen Sie zuerst eine Position hinzu',
  },
  sendZeroTotal: { en: 'An invoice whose total is zero cannot be sent', de: 'Eine Rechnung mit dem Gesamtbetrag null kann nicht gesendet werden' },
  sendNotSendable: { en: 'A {status} invoice cannot be sent', de: 'Eine Rechnung im Status {status} kann nicht gesendet werden' },
  sendNoRecipient: {
    en: 'The contact has no e-mail address: give the recipients in `to`',
    de: 'Der Kontakt hat keine E-Mail-Adresse: Geben Sie die Empfänger in `to` an',
  },
  invoiceLinkInvalid: { en: 'This invoice link is not valid: it may have expired', de: 'Dieser Rechnungslink ist ungültig: Er ist möglicherweise abgelaufen' },
  invoiceContactGone: {
    en: 'The invoice’s contact no longer exists or is not visible to you',
    de: 'Der Kontakt der Rechnung existiert nicht mehr oder ist für Sie nicht sichtbar',
  },
  expenseNotFound: { en: 'No expense with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Ausgabe mit dieser ID' },
  expenseAmountNotPositive: { en: 'The amount must be greater than zero', de: 'Der Betrag muss größer als null sein' },
  expenseAmountPrecision: {
    en: 'An amount in {currency} has at most {digits} decimal {digits, plural, one {place} other {places}} and 15 integer digits',
    de: 'Ein Betrag in {currency} hat höchstens {digits} {digits, plural, one {Nachkommastelle} other {Nachkommastellen}} und 15 Stellen vor dem Komma',
  },
  currencyCode: { en: 'Not an ISO 4217 currency code in capitals, e.g. "EUR"', de: 'Kein ISO-4217-Währungscode in Großbuchstaben, z. B. "EUR"' },
  fileNotFound: {
    en: 'No file with this id exists in your organization that you can read',
    de: 'In Ihrer Organisation gibt es keine Datei mit dieser ID, die Sie lesen dürfen',
  },
  expenseInvalidTransition: { en: 'An expense that is {from} cannot become {to}', de: 'Eine Ausgabe im Status {from} kann nicht in den Status {to} wechseln' },
  expenseNotEditable: {
    en: 'An expense can be changed only while pending (this one is {status})',
    de: 'Eine Ausgabe kann nur geändert werden, solange sie aussteht (diese ist im Status {status})',
  },
  ownExpense: {
    en: 'Nobody may approve or reject their own expense: another finance manager decides',
    de: 'Niemand darf die eigene Ausgabe freigeben oder ablehnen: Eine andere Person aus dem Finanzmanagement entscheidet',
  },
  receiptCheckUnavailable: {
    en: 'The receipt cannot be checked now (the files module is not answering); try again later',
    de: 'Der Beleg kann gerade nicht geprüft werden (das Dateimodul antwortet nicht); versuchen Sie es später erneut',
  },
  mayNotWriteExpense: { en: 'You may not write this Expense', de: 'Sie dürfen diese Ausgabe nicht ändern' },
  mayNotActOnExpense: {
    en: '{action, select, read {You may not read this Expense} write {You may not write this Expense} other {You may not manage this Expense}}',
    de: '{action, select, read {Sie dürfen diese Ausgabe nicht lesen} write {Sie dürfen diese Ausgabe nicht ändern} other {Sie dürfen diese Ausgabe nicht verwalten}}',
  },
  financeManagersDecide: {
    en: 'Only finance managers (owners, admins, finance module owners) decide on expenses',
    de: 'Nur das Finanzmanagement (Eigentümer, Admins, Eigentümer des Finanzmoduls) entscheidet über Ausgaben',
  },
  expenseChangeRestricted: {
    en: 'Only its submitter or a finance manager may change an expense',
    de: 'Nur wer eine Ausgabe eingereicht hat, oder das Finanzmanagement darf sie ändern',
  },
  expenseDeleteRestricted: {
    en: 'Only finance managers delete approved or reimbursed expenses, and others’ expenses',
    de: 'Nur das Finanzmanagement löscht freigegebene oder erstattete Ausgaben sowie die Ausgaben anderer',
  },
  descriptionTooLong: { en: 'The description must be at most 500 characters', de: 'Die Beschreibung darf höchstens 500 Zeichen haben' },
  vendorTooLong: { en: 'The vendor must be at most 200 characters', de: 'Der Anbieter darf höchstens 200 Zeichen haben' },
  expenseDateFuture: { en: 'The expense date is in the future', de: 'Das Datum der Ausgabe liegt in der Zukunft' },
  reasonRequired: { en: 'Give a reason', de: 'Geben Sie einen Grund an' },
  reasonTooLong: { en: 'The reason must be at most 1,000 characters', de: 'Der Grund darf höchstens 1.000 Zeichen haben' },
  textTooLong: { en: 'At most 10,000 characters', de: 'Höchstens 10.000 Zeichen' },
  positionMin: { en: 'A position is 0 or more', de: 'Eine Position ist 0 oder größer' },
  patternRequired: { en: 'The pattern is required', de: 'Das Muster ist erforderlich' },
  patternTooLong: { en: 'At most 40 characters', de: 'Höchstens 40 Zeichen' },
  dateFormat: { en: 'A date is YYYY-MM-DD', de: 'Ein Datum hat die Form JJJJ-MM-TT' },
  decimalAmount: { en: 'A positive decimal amount, e.g. "12.50"', de: 'Ein positiver Dezimalbetrag, z. B. "12.50"' },
  idempotencyKeyLength: { en: 'An idempotency key has 1 to 200 characters', de: 'Ein Idempotenzschlüssel hat 1 bis 200 Zeichen' },
  emailRequired: { en: 'A valid e-mail address is required', de: 'Eine gültige E-Mail-Adresse ist erforderlich' },
  recipientRequired: { en: 'At least one recipient', de: 'Mindestens ein Empfänger' },
  tooManyRecipients: { en: 'At most 10 recipients', de: 'Höchstens 10 Empfänger' },
  messageTooLong: { en: 'At most 5,000 characters', de: 'Höchstens 5.000 Zeichen' },
  lineDescriptionLength: { en: 'A line’s description has 1 to 500 characters', de: 'Die Beschreibung einer Position hat 1 bis 500 Zeichen' },
  quantityRange: {
    en: 'The quantity is more than 0 and below 1,000,000,000, with at most 4 decimals',
    de: 'Die Menge ist größer als 0 und kleiner als 1.000.000.000, mit höchstens 4 Dezimalstellen',
  },
  unitPriceNegative: { en: 'The unit price cannot be negative', de: 'Der Einzelpreis kann nicht negativ sein' },
  unitPriceCurrency: {
    en: 'The unit price must be an amount of {currency} (its minor units at most, below 10^15)',
    de: 'Der Einzelpreis muss ein Betrag in {currency} sein (höchstens auf die kleinste Einheit genau, unter 10^15)',
  },
  taxRatePercent: {
    en: 'The tax rate is a percentage from 0 to 100 with at most 4 decimals',
    de: 'Der Steuersatz ist ein Prozentsatz von 0 bis 100 mit höchstens 4 Dezimalstellen',
  },
  discountPercent: {
    en: 'A percent discount is a percentage from 0 to 100 with at most 4 decimals',
    de: 'Ein prozentualer Rabatt ist ein Prozentsatz von 0 bis 100 mit höchstens 4 Dezimalstellen',
  },
  amountDiscount: {
    en: 'An amount discount is 0 or more in {currency} (its minor units at most)',
    de: 'Ein Betragsrabatt ist 0 oder mehr in {currency} (höchstens auf die kleinste Einheit genau)',
  },
  dueBeforeIssue: { en: 'The due date cannot be before the issue date', de: 'Das Fälligkeitsdatum darf nicht vor dem Rechnungsdatum liegen' },
  patternOneSequence: {
    en: "The pattern needs exactly one '{SEQ}' or '{SEQ:n}' (n: 1 to 9 digits)",
    de: "Das Muster braucht genau ein '{SEQ}' oder '{SEQ:n}' (n: 1 bis 9 Ziffern)",
  },
  patternCharacters: {
    en: "Besides '{YYYY}', '{YY}', '{MM}' and '{SEQ:n}', use letters, digits, spaces and . _ - / #",
    de: "Verwenden Sie neben '{YYYY}', '{YY}', '{MM}' und '{SEQ:n}' Buchstaben, Ziffern, Leerzeichen und . _ - / #",
  },
  numberTooLong: { en: 'Numbers may have at most {max} characters', de: 'Nummern dürfen höchstens {max} Zeichen haben' },
  refundOnlyPayments: {
    en: 'Only payments are refunded (not refunds or credit notes)',
    de: 'Nur Zahlungen werden erstattet (keine Erstattungen oder Gutschriften)',
  },
  refundNotCompleted: {
    en: 'A {status} payment cannot be refunded (only a COMPLETED one)',
    de: 'Eine Zahlung im Status {status} kann nicht erstattet werden (nur eine im Status COMPLETED)',
  },
  atMostCharacters: { en: 'At most {max} characters', de: 'Höchstens {max} Zeichen' },
});

/** Descriptions of its scheduled jobs (the cell's job registry). */
export const financeJobMessages = defineMessages('finance.jobs', {
  overdueSweep: { en: 'Marks sent invoices past their due date as overdue', de: 'Markiert versendete Rechnungen nach ihrem Fälligkeitsdatum als überfällig' },
  recurringIssue: { en: 'Issues the invoices of recurring invoices that are due', de: 'Stellt die fälligen Rechnungen wiederkehrender Rechnungen aus' },
});
