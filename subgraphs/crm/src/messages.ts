import { defineMessages } from '@cellgraph/kernel';

/** The messages of crm's errors answered to users (userErrors), in every language. */
export const crmErrorTexts = defineMessages('crm.errors', {
  contactFieldNotFound: { en: 'No such contact field in your organization', de: 'Dieses Kontaktfeld gibt es in Ihrer Organisation nicht' },
  contactFieldKeyTaken: { en: 'Another contact field has this key', de: 'Ein anderes Kontaktfeld hat bereits diesen Schlüssel' },
  optionInUse: {
    en: '{contacts, plural, one {# contact still uses} other {# contacts still use}} an option you removed',
    de: '{contacts, plural, one {# Kontakt verwendet} other {# Kontakte verwenden}} noch eine Option, die Sie entfernt haben',
  },
  interactionNotFound: { en: 'No interaction with this id exists in your organization', de: 'In Ihrer Organisation gibt es keine Interaktion mit dieser ID' },
  interactionDealNotOfContact: { en: 'The deal must be one of this contact’s', de: 'Der Deal muss zu diesem Kontakt gehören' },
  noteHasNoDirection: { en: 'A note has no direction', de: 'Eine Notiz hat keine Richtung' },
  pipelineNotFound: { en: 'No such pipeline in your organization', de: 'Diese Pipeline gibt es in Ihrer Organisation nicht' },
  stageNotFound: { en: 'No such pipeline stage in your organization', de: 'Diese Pipeline-Phase gibt es in Ihrer Organisation nicht' },
  pipelineInUse: {
    en: 'Move or delete the pipeline’s deals and contacts first',
    de: 'Verschieben oder löschen Sie zuerst die Deals und Kontakte der Pipeline',
  },
  stageHoldsDeals: {
    en: 'A stage holding deals cannot open or close; move its deals first',
    de: 'Eine Phase mit Deals kann weder öffnen noch schließen; verschieben Sie zuerst ihre Deals',
  },
  stageNotEmpty: {
    en: 'Move the stage’s deals and contacts out before deleting it',
    de: 'Verschieben Sie die Deals und Kontakte der Phase, bevor Sie sie löschen',
  },
  lastStage: { en: 'A pipeline keeps at least one stage', de: 'Eine Pipeline behält mindestens eine Phase' },
  contactNotFound: { en: 'No contact with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Kontakt mit dieser ID' },
  duplicateEmail: {
    en: '{name} ({id}) already has this e-mail address; update or merge that contact instead',
    de: '{name} ({id}) hat bereits diese E-Mail-Adresse; aktualisieren Sie stattdessen diesen Kontakt oder führen Sie die Kontakte zusammen',
  },
  notALead: { en: 'Only a lead can be converted', de: 'Nur ein Lead kann umgewandelt werden' },
  merged: { en: 'This contact was merged into {id}', de: 'Dieser Kontakt wurde mit {id} zusammengeführt' },
  contactStageNotFound: { en: 'No stage of a lead or onboarding pipeline has this id', de: 'Keine Phase einer Lead- oder Onboarding-Pipeline hat diese ID' },
  ownerNotMember: { en: 'The owner must be a member of your organization', de: 'Die verantwortliche Person muss Mitglied Ihrer Organisation sein' },
  batchSize: { en: 'Send 1 to {max} contacts at a time', de: 'Senden Sie 1 bis {max} Kontakte auf einmal' },
  leadBecomesClient: {
    en: 'A lead becomes a client (or another type) with contactConvert',
    de: 'Ein Lead wird mit contactConvert zum Kunden (oder einem anderen Typ)',
  },
  contactUnnamed: { en: 'A contact needs a name, a company or an e-mail', de: 'Ein Kontakt braucht einen Namen, ein Unternehmen oder eine E-Mail-Adresse' },
  convertToLead: { en: 'A lead converts to CLIENT, VENDOR or PARTNER', de: 'Ein Lead wird zu CLIENT, VENDOR oder PARTNER umgewandelt' },
  mergeIntoItself: { en: 'A contact cannot be merged into itself', de: 'Ein Kontakt kann nicht mit sich selbst zusammengeführt werden' },
  dealNotFound: { en: 'No deal with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Deal mit dieser ID' },
  dealStageNotFound: { en: 'No stage of a deal pipeline has this id', de: 'Keine Phase einer Deal-Pipeline hat diese ID' },
  dealPipelineNotFound: { en: 'No deal pipeline has this id', de: 'Keine Deal-Pipeline hat diese ID' },
  negativeValue: { en: 'A deal’s value cannot be negative', de: 'Der Wert eines Deals kann nicht negativ sein' },
  amountPrecision: {
    en: '{code} amounts have at most {decimals} decimals and 15 digits before the point',
    de: '{code}-Beträge haben höchstens {decimals} Nachkommastellen und 15 Stellen vor dem Komma',
  },
  lostReasonNotLost: { en: 'Only a lost deal has a lost reason', de: 'Nur ein verlorener Deal hat einen Verlustgrund' },
  lostReasonNeedsLostStage: { en: 'A lost reason goes with a closed-lost stage', de: 'Ein Verlustgrund gehört zu einer Phase „verloren“' },
  stageNotInPipeline: { en: 'The stage is not in this pipeline', de: 'Die Phase gehört nicht zu dieser Pipeline' },
  invalidDate: { en: 'Dates look like 2026-11-22', de: 'Datumsangaben sehen so aus: 2026-11-22' },
});
