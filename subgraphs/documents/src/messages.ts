import { defineMessages } from '@cellgraph/kernel';

/** The messages of documents's errors answered to users (userErrors), in every language. */
export const documentErrorTexts = defineMessages('documents.errors', {
  noSection: { en: 'The content has no section data-field="{field}"', de: 'Der Inhalt hat keinen Abschnitt data-field="{field}"' },
  nothingChanged: { en: 'Nothing changed: the fields and the content are as they were', de: 'Nichts geändert: Die Felder und der Inhalt sind unverändert' },
  revisionNotFound: { en: 'This document has no revision with this number', de: 'Dieses Dokument hat keine Revision mit dieser Nummer' },
  changeNotFound: { en: 'No change with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Änderung mit dieser ID' },
  changeDecided: {
    en: 'This change was already {state}',
    de: 'Diese Änderung wurde bereits {state, select, accepted {angenommen} rejected {abgelehnt} other {entschieden ({state})}}',
  },
  fieldChangedAgain: {
    en: 'The field "{field}" changed again since: reject the later change first',
    de: 'Das Feld "{field}" wurde seitdem erneut geändert: Lehnen Sie zuerst die spätere Änderung ab',
  },
  markGone: {
    en: 'This mark is no longer in the content (a later save replaced it)',
    de: 'Diese Markierung ist nicht mehr im Inhalt (ein späteres Speichern hat sie ersetzt)',
  },
  deliverableNotFound: { en: 'No deliverable with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Leistung mit dieser ID' },
  deliverableNeedsContract: {
    en: 'Deliverables belong to a signed contract or statement of work',
    de: 'Leistungen gehören zu einem unterschriebenen Vertrag oder Leistungsverzeichnis',
  },
  ownerNotMember: { en: 'The owner must be a member of your organization', de: 'Die verantwortliche Person muss Mitglied Ihrer Organisation sein' },
  progressExceedsQuantity: { en: 'The progress cannot exceed the quantity', de: 'Der Fortschritt kann die Menge nicht übersteigen' },
  dueBeforeStart: { en: 'The due date cannot be before the start date', de: 'Das Fälligkeitsdatum kann nicht vor dem Startdatum liegen' },
  planTooLong: {
    en: 'The due date is at most {years} years after the start date',
    de: 'Das Fälligkeitsdatum liegt höchstens {years} Jahre nach dem Startdatum',
  },
  documentNotFound: { en: 'No document with this id exists in your organization', de: 'In Ihrer Organisation gibt es kein Dokument mit dieser ID' },
  invalidTransition: { en: 'A {from} document cannot become {to}', de: 'Ein Dokument im Status {from} kann nicht in den Status {to} wechseln' },
  frozen: {
    en: "A {status} document's title, type and content cannot change",
    de: 'Titel, Typ und Inhalt eines Dokuments im Status {status} können sich nicht ändern',
  },
  objectNotFound: {
    en: 'No object with this id exists in your organization (or you cannot read it)',
    de: 'In Ihrer Organisation gibt es kein Objekt mit dieser ID (oder Sie dürfen es nicht lesen)',
  },
  ownerNotMemberNoGuest: {
    en: 'The owner must be a member of your organization (not a guest)',
    de: 'Die verantwortliche Person muss Mitglied Ihrer Organisation sein (kein Gast)',
  },
  alreadyOutForSignature: {
    en: 'This document is already out for signature; void that request first',
    de: 'Dieses Dokument wartet bereits auf Unterschriften; stornieren Sie zuerst diese Anfrage',
  },
  notOutForSignature: { en: 'This document is not out for signature', de: 'Dieses Dokument wartet nicht auf Unterschriften' },
  reviewLinkInvalid: {
    en: 'This review link is not valid: it may have expired or been withdrawn',
    de: 'Dieser Prüfungslink ist ungültig: Er ist möglicherweise abgelaufen oder wurde zurückgezogen',
  },
  reviewNotFound: { en: 'No review with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Prüfung mit dieser ID' },
  suggestionNotFound: { en: 'No suggestion with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Vorschlag mit dieser ID' },
  suggestionDecided: { en: 'This suggestion was already approved or rejected', de: 'Dieser Vorschlag wurde bereits angenommen oder abgelehnt' },
  suggestionStale: {
    en: 'The section no longer contains the text the reviewer wanted to change: edit the document by hand or reject the suggestion',
    de: 'Der Abschnitt enthält den Text, den die prüfende Person ändern wollte, nicht mehr: Bearbeiten Sie das Dokument von Hand oder lehnen Sie den Vorschlag ab',
  },
  clauseNotFound: { en: 'No clause with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Klausel mit dieser ID' },
  clauseNotInDocument: { en: 'This clause is not in the document', de: 'Diese Klausel ist nicht im Dokument' },
  clauseAlreadyInDocument: { en: 'This clause is already in the document', de: 'Diese Klausel ist bereits im Dokument' },
  notATemplate: { en: 'This document is not a template (type TEMPLATE)', de: 'Dieses Dokument ist keine Vorlage (Typ TEMPLATE)' },
  contentTooLarge: { en: 'The document’s content would be larger than 512 KiB', de: 'Der Inhalt des Dokuments wäre größer als 512 KiB' },
  workflowNotFound: {
    en: 'No approval workflow with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keinen Freigabe-Workflow mit dieser ID',
  },
  approvalNotFound: {
    en: 'No approval request with this id exists in your organization',
    de: 'In Ihrer Organisation gibt es keine Freigabeanfrage mit dieser ID',
  },
  workflowExists: {
    en: 'Your organization already has an approval workflow for this document type',
    de: 'Ihre Organisation hat bereits einen Freigabe-Workflow für diesen Dokumenttyp',
  },
  teamNotFound: {
    en: 'No team with members and this id exists in your organization',
    de: 'In Ihrer Organisation gibt es kein Team mit Mitgliedern und dieser ID',
  },
  alreadyPending: { en: 'This document is already waiting for approval', de: 'Dieses Dokument wartet bereits auf Freigabe' },
  notSubmittable: {
    en: 'A {status} document cannot be submitted for approval',
    de: 'Ein Dokument im Status {status} kann nicht zur Freigabe eingereicht werden',
  },
  noWorkflow: {
    en: 'Your organization has no approval workflow for {type} documents',
    de: 'Ihre Organisation hat keinen Freigabe-Workflow für Dokumente vom Typ {type}',
  },
  stepDecided: { en: 'This approval step was already decided', de: 'Über diesen Freigabeschritt wurde bereits entschieden' },
  noLongerInReview: { en: 'The document is {status}, no longer in internal review', de: 'Das Dokument ist im Status {status}, nicht mehr in interner Prüfung' },
  stepNotReached: { en: 'An earlier required step is not approved yet', de: 'Ein früherer erforderlicher Schritt ist noch nicht freigegeben' },
});
