import { defineMessages, type ImporterDeclaration } from '@cellgraph/kernel';
import { ContactErrorCode } from './contact/contact.errors.js';

/** Labels of what users may import into crm (the imports module shows them in its mapping). */
export const crmImportTexts = defineMessages('crm.import', {
  contacts: { en: 'Contacts', de: 'Kontakte' },
  deals: { en: 'Deals', de: 'Deals' },
  type: { en: 'Type', de: 'Typ' },
  status: { en: 'Status', de: 'Status' },
  firstName: { en: 'First name', de: 'Vorname' },
  lastName: { en: 'Last name', de: 'Nachname' },
  email: { en: 'E-mail', de: 'E-Mail' },
  phone: { en: 'Phone', de: 'Telefon' },
  company: { en: 'Company', de: 'Firma' },
  jobTitle: { en: 'Job title', de: 'Position' },
  source: { en: 'Source', de: 'Quelle' },
  contactId: { en: 'Contact (id)', de: 'Kontakt (ID)' },
  title: { en: 'Title', de: 'Titel' },
  pipelineId: { en: 'Pipeline (id)', de: 'Pipeline (ID)' },
  stageId: { en: 'Stage (id)', de: 'Phase (ID)' },
  value: { en: 'Value', de: 'Wert' },
  currencyCode: { en: 'Currency', de: 'Währung' },
  probability: { en: 'Probability (%)', de: 'Wahrscheinlichkeit (%)' },
  expectedCloseDate: { en: 'Expected close date', de: 'Erwarteter Abschluss' },
});

const t = crmImportTexts;

/** Contacts and deals from a spreadsheet: through `contactCreate` and `dealCreate`, row by row (see the kernel's importers). */
export const crmImporters: readonly ImporterDeclaration[] = [
  {
    type: 'Contact',
    label: t.contacts,
    mutation: 'contactCreate',
    inputType: 'ContactCreateInput',
    resultField: 'contact',
    // Another contact has the address: the row is reported as skipped.
    duplicateOf: ContactErrorCode.DuplicateEmail,
    fields: [
      { name: 'firstName', label: t.firstName, kind: 'string', aliases: ['First', 'Given name', 'Forename'] },
      { name: 'lastName', label: t.lastName, kind: 'string', aliases: ['Last', 'Surname', 'Family name', 'Name'] },
      { name: 'email', label: t.email, kind: 'email', aliases: ['Email', 'Mail', 'E-mail address', 'Email address', 'E-Mail-Adresse'] },
      { name: 'phone', label: t.phone, kind: 'string', aliases: ['Telephone', 'Tel', 'Mobile', 'Telefonnummer'] },
      { name: 'company', label: t.company, kind: 'string', aliases: ['Organization', 'Organisation', 'Unternehmen'] },
      { name: 'jobTitle', label: t.jobTitle, kind: 'string', aliases: ['Position', 'Role', 'Job'] },
      { name: 'type', label: t.type, kind: 'enum', values: ['LEAD', 'CLIENT', 'VENDOR', 'PARTNER'] },
      { name: 'status', label: t.status, kind: 'enum', values: ['ACTIVE', 'INACTIVE', 'CHURNED'] },
      { name: 'source', label: t.source, kind: 'enum', values: ['WEBSITE', 'REFERRAL', 'COLD_OUTREACH', 'IMPORT', 'EVENT', 'OTHER'] },
    ],
  },
  {
    type: 'Deal',
    label: t.deals,
    mutation: 'dealCreate',
    inputType: 'DealCreateInput',
    resultField: 'deal',
    fields: [
      { name: 'title', label: t.title, kind: 'string', required: true, aliases: ['Deal', 'Name', 'Deal name'] },
      { name: 'contactId', label: t.contactId, kind: 'id', required: true, aliases: ['Contact', 'Kontakt'] },
      { name: 'value', label: t.value, kind: 'decimal', aliases: ['Amount', 'Betrag', 'Deal value'] },
      { name: 'currencyCode', label: t.currencyCode, kind: 'string', aliases: ['Currency code'] },
      { name: 'probability', label: t.probability, kind: 'integer', aliases: ['Probability'] },
      { name: 'expectedCloseDate', label: t.expectedCloseDate, kind: 'date', aliases: ['Close date', 'Closing date', 'Abschlussdatum'] },
      { name: 'pipelineId', label: t.pipelineId, kind: 'id', aliases: ['Pipeline'] },
      { name: 'stageId', label: t.stageId, kind: 'id', aliases: ['Stage', 'Phase'] },
    ],
  },
];
