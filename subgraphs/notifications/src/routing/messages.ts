import { defineMessages } from '@cellgraph/kernel';

/*
 * The texts of notifications, rendered in each recipient's language. `quoted` arguments arrive
 * without quotation marks (each language quotes in its own way); a `hasX` argument is "yes" when
 * the optional value is there.
 */

export const taskTexts = defineMessages('notifications.task', {
  assignedTitle: { en: 'A task was assigned to you', de: 'Ihnen wurde eine Aufgabe zugewiesen' },
  assignedBody: {
    en: '{hasTitle, select, yes {“{title}”: open it to see what is expected and when it is due.} other {Open it to see what is expected and when it is due.}}',
    de: '{hasTitle, select, yes {„{title}“: Öffnen Sie sie, um zu sehen, was erwartet wird und bis wann.} other {Öffnen Sie sie, um zu sehen, was erwartet wird und bis wann.}}',
  },
  statusChangedTitle: { en: 'A task you watch changed status', de: 'Eine Aufgabe, die Sie beobachten, hat ihren Status geändert' },
  statusChangedBody: {
    en: '{hasTitle, select, yes {“{title}”: } other {}}{from} → {to}',
    de: '{hasTitle, select, yes {„{title}“: } other {}}{from} → {to}',
  },
  completedTitle: { en: 'A task you watch was completed', de: 'Eine Aufgabe, die Sie beobachten, wurde erledigt' },
  completedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {It}} is marked done.',
    de: '{hasTitle, select, yes {„{title}“ ist} other {Sie ist}} als erledigt markiert.',
  },
  deletedTitle: { en: 'A task you watch was deleted', de: 'Eine Aufgabe, die Sie beobachten, wurde gelöscht' },
  deletedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {It}} was moved to the trash.',
    de: '{hasTitle, select, yes {„{title}“ wurde} other {Sie wurde}} in den Papierkorb verschoben.',
  },
  unblockedTitle: { en: 'A task you watch is unblocked', de: 'Eine Aufgabe, die Sie beobachten, ist nicht mehr blockiert' },
  unblockedBody: { en: 'Every task it was waiting for is done.', de: 'Alle Aufgaben, auf die sie gewartet hat, sind erledigt.' },
  checklistCompletedTitle: { en: 'A checklist was completed', de: 'Eine Checkliste wurde abgeschlossen' },
  checklistCompletedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {A checklist}} of a task you watch is complete.',
    de: '{hasTitle, select, yes {„{title}“} other {Eine Checkliste}} einer Aufgabe, die Sie beobachten, ist abgeschlossen.',
  },
  automationTitle: {
    en: '{hasName, select, yes {Automation: {name}} other {A board automation notified you}}',
    de: '{hasName, select, yes {Automatisierung: {name}} other {Eine Board-Automatisierung hat Sie benachrichtigt}}',
  },
  statusTodo: { en: 'To do', de: 'Offen' },
  statusInProgress: { en: 'In progress', de: 'In Arbeit' },
  statusDone: { en: 'Done', de: 'Erledigt' },
  statusCanceled: { en: 'Canceled', de: 'Abgebrochen' },
  statusNone: { en: 'none', de: 'keiner' },
});

export const mentionTexts = defineMessages('notifications.mention', {
  commentTitle: { en: 'You were mentioned in a comment', de: 'Sie wurden in einem Kommentar erwähnt' },
  commentBody: {
    en: 'On {article, select, an {an} other {a}} {nodeType}.',
    de: 'Zu {nodeType, select, task {einer Aufgabe} contact {einem Kontakt} lead {einem Lead} deal {einem Deal} note {einer Notiz} document {einem Dokument} file {einer Datei} invoice {einer Rechnung} other {einem Element}}.',
  },
  noteTitle: {
    en: '{hasTitle, select, yes {You were mentioned in “{title}”} other {You were mentioned in a note}}',
    de: '{hasTitle, select, yes {Sie wurden in „{title}“ erwähnt} other {Sie wurden in einer Notiz erwähnt}}',
  },
});

export const crmTexts = defineMessages('notifications.crm', {
  contactAssignedTitle: { en: 'A contact was assigned to you', de: 'Ihnen wurde ein Kontakt zugewiesen' },
  contactAssignedBody: { en: 'You own the relationship now.', de: 'Sie betreuen diese Beziehung jetzt.' },
  dealAssignedTitle: {
    en: '{hasTitle, select, yes {Deal “{title}” was assigned to you} other {A deal was assigned to you}}',
    de: '{hasTitle, select, yes {Ihnen wurde der Deal „{title}“ zugewiesen} other {Ihnen wurde ein Deal zugewiesen}}',
  },
  dealAssignedBody: { en: 'You own the deal now.', de: 'Sie sind jetzt für den Deal verantwortlich.' },
});

export const documentTexts = defineMessages('notifications.document', {
  /** A document's name in a sentence: its title quoted, or "A document". */
  name: { en: '{hasTitle, select, yes {“{title}”} other {A document}}', de: '{hasTitle, select, yes {„{title}“} other {Ein Dokument}}' },
  statusChangedTitle: { en: '{document} is now {status}', de: '{document} ist jetzt im Status {status}' },
  transition: { en: '{from} → {to}', de: '{from} → {to}' },
  expiredTitle: { en: '{document} expired', de: '{document} ist abgelaufen' },
  expiredBody: {
    en: 'It was {status}; its expiry date passed on {date}.',
    de: 'Es war {status}; sein Ablaufdatum ({date}) ist verstrichen.',
  },
  voidedTitle: { en: '{document} was voided', de: '{document} wurde storniert' },
  voidedBody: { en: 'Reason: {hasReason, select, yes {“{reason}”} other {—}}', de: 'Grund: {hasReason, select, yes {„{reason}“} other {—}}' },
  suggestionTitle: {
    en: 'A reviewer suggested a change to {hasTitle, select, yes {“{title}”} other {a document}}',
    de: 'Eine prüfende Person hat eine Änderung an {hasTitle, select, yes {„{title}“} other {einem Dokument}} vorgeschlagen',
  },
  suggestionBody: {
    en: '{reviewer} suggests an edit to the section “{section}”.',
    de: '{reviewer} schlägt eine Änderung am Abschnitt „{section}“ vor.',
  },
  approvalRequestedTitle: {
    en: '{action, select, sign {A document awaits your sign-off} other {A document awaits your approval}}',
    de: '{action, select, sign {Ein Dokument wartet auf Ihre Abzeichnung} other {Ein Dokument wartet auf Ihre Freigabe}}',
  },
  approvalRequestedBody: {
    en: '{document}: step {step}{required, select, yes {} other { (optional)}} of its review.',
    de: '{document}: Schritt {step}{required, select, yes {} other { (optional)}} der Prüfung.',
  },
  approvedTitle: { en: 'A document was approved', de: 'Ein Dokument wurde freigegeben' },
  approvedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {It}} passed every required approval and is ready for the client.',
    de: '{hasTitle, select, yes {„{title}“ hat} other {Es hat}} alle erforderlichen Freigaben erhalten und ist bereit für den Kunden.',
  },
  rejectedTitle: { en: 'A document was rejected', de: 'Ein Dokument wurde abgelehnt' },
  rejectedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {It}} was rejected at step {step}{hasComment, select, yes {: “{comment}”} other {.}}',
    de: '{hasTitle, select, yes {„{title}“ wurde} other {Es wurde}} in Schritt {step} abgelehnt{hasComment, select, yes {: „{comment}“} other {.}}',
  },
  returnedTitle: { en: 'A document was returned for changes', de: 'Ein Dokument wurde zur Überarbeitung zurückgegeben' },
  returnedBody: {
    en: '{hasTitle, select, yes {“{title}”} other {It}} is back in draft{hasComment, select, yes {: “{comment}”} other {.}}',
    de: '{hasTitle, select, yes {„{title}“ ist} other {Es ist}} wieder ein Entwurf{hasComment, select, yes {: „{comment}“} other {.}}',
  },
  signedTitle: { en: '{document} was signed', de: '{document} wurde unterschrieben' },
  signedBody: { en: 'Signed by {signers}.', de: 'Unterschrieben von {signers}.' },
  behindPaceTitle: {
    en: '{hasTitle, select, yes {Deliverable “{title}” is behind pace} other {A deliverable is behind pace}}',
    de: '{hasTitle, select, yes {Die Leistung „{title}“ liegt hinter dem Plan} other {Eine Leistung liegt hinter dem Plan}}',
  },
  behindPaceBody: {
    en: '{progress} of {quantity} done; {expected} expected by now (due {due}).',
    de: '{progress} von {quantity} erledigt; {expected} wären inzwischen erwartet (fällig am {due}).',
  },
  statusDraft: { en: 'Draft', de: 'Entwurf' },
  statusInternalReview: { en: 'Internal review', de: 'Interne Prüfung' },
  statusClientReview: { en: 'Client review', de: 'Kundenprüfung' },
  statusSent: { en: 'Sent', de: 'Versendet' },
  statusSigned: { en: 'Signed', de: 'Unterschrieben' },
  statusExpired: { en: 'Expired', de: 'Abgelaufen' },
  statusVoid: { en: 'Void', de: 'Storniert' },
});

export const financeTexts = defineMessages('notifications.finance', {
  /** "€42.50 at Lufthansa (travel)": what an expense is, in a line. */
  expenseLine: {
    en: '{amount}{hasVendor, select, yes { at {vendor}} other {}} ({category})',
    de: '{amount}{hasVendor, select, yes { bei {vendor}} other {}} ({category})',
  },
  expenseSubmittedTitle: { en: 'An expense awaits your approval', de: 'Eine Ausgabe wartet auf Ihre Freigabe' },
  expenseSubmittedBody: {
    en: '{expense}{hasDescription, select, yes {: “{description}”} other {}}.',
    de: '{expense}{hasDescription, select, yes {: „{description}“} other {}}.',
  },
  expenseApprovedTitle: { en: 'Your expense was approved', de: 'Ihre Ausgabe wurde freigegeben' },
  expenseRejectedTitle: { en: 'Your expense was rejected', de: 'Ihre Ausgabe wurde abgelehnt' },
  expenseRejectedBody: {
    en: '{expense}{hasReason, select, yes {: “{reason}”} other {.}}',
    de: '{expense}{hasReason, select, yes {: „{reason}“} other {.}}',
  },
  expenseReimbursedTitle: { en: 'Your expense was reimbursed', de: 'Ihre Ausgabe wurde erstattet' },
  expenseBody: { en: '{expense}.', de: '{expense}.' },
  invoiceViewedTitle: { en: 'Invoice {number} was viewed', de: 'Rechnung {number} wurde angesehen' },
  invoiceViewedBody: { en: 'The customer opened it: {amountDue} due on {dueDate}.', de: 'Der Kunde hat sie geöffnet: {amountDue} fällig am {dueDate}.' },
  invoiceOverdueTitle: { en: 'Invoice {number} is overdue', de: 'Rechnung {number} ist überfällig' },
  invoiceOverdueBody: { en: '{amountDue} of {total} was due on {dueDate}.', de: '{amountDue} von {total} waren am {dueDate} fällig.' },
  invoicePaidTitle: { en: 'Invoice {number} was paid', de: 'Rechnung {number} wurde bezahlt' },
  invoicePaidBody: { en: '{amountPaid} received: paid in full.', de: '{amountPaid} erhalten: vollständig bezahlt.' },
  recurringIssuedTitle: { en: 'Invoice {number} was issued', de: 'Rechnung {number} wurde ausgestellt' },
  recurringIssuedSentTitle: {
    en: 'Invoice {number} was issued and sent to {recipients}',
    de: 'Rechnung {number} wurde ausgestellt und an {recipients} gesendet',
  },
  recurringIssuedBody: { en: '{total}, due {dueDate}.', de: '{total}, fällig am {dueDate}.' },
  recurringUnsent: {
    en: ' It was not sent and stays a draft: {reason}.',
    de: ' Sie wurde nicht gesendet und bleibt ein Entwurf: {reason}.',
  },
  sendFailureZeroTotal: { en: 'its total is zero', de: 'ihr Gesamtbetrag ist null' },
  sendFailureNoLines: { en: 'it has no lines', de: 'sie hat keine Positionen' },
  sendFailureNoRecipient: {
    en: 'the recurring invoice has no recipients; set them on it',
    de: 'die wiederkehrende Rechnung hat keine Empfänger; legen Sie sie dort fest',
  },
  sendFailureContactChanged: {
    en: 'its template now bills another contact; set the recipients again',
    de: 'ihre Vorlage stellt jetzt einem anderen Kontakt in Rechnung; legen Sie die Empfänger erneut fest',
  },
  paymentReceivedTitle: { en: 'Payment received for invoice {number}', de: 'Zahlung für Rechnung {number} erhalten' },
  paymentReceivedBody: { en: '{amount} received; {amountDue} still due.', de: '{amount} erhalten; {amountDue} noch offen.' },
  paymentFailedTitle: { en: 'A payment for invoice {number} failed', de: 'Eine Zahlung für Rechnung {number} ist fehlgeschlagen' },
  paymentFailedBody: {
    en: '{amount}: {hasReason, select, yes {{reason}} other {the payment did not go through}}.',
    de: '{amount}: {hasReason, select, yes {{reason}} other {die Zahlung wurde nicht ausgeführt}}.',
  },
});

export const webhookTexts = defineMessages('notifications.webhooks', {
  endpointDisabledTitle: { en: 'A webhook endpoint was disabled', de: 'Ein Webhook-Endpunkt wurde deaktiviert' },
  endpointDisabledBody: {
    en: '{url} failed {failures, plural, one {# delivery} other {# deliveries}} in a row, so no more events are sent to it. Fix the receiver, then enable it again under Settings → Webhooks.',
    de: '{url} hat {failures, plural, one {# Zustellung} other {# Zustellungen}} in Folge nicht angenommen, daher werden keine Ereignisse mehr dorthin gesendet. Beheben Sie den Empfänger und aktivieren Sie ihn dann unter Einstellungen → Webhooks wieder.',
  },
});
