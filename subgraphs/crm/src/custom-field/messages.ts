import { defineMessages } from '@cellgraph/kernel';

/** Why a custom field value or a condition on custom fields is refused, in every language. */
export const crmFieldTexts = defineMessages('crm.customField', {
  notText: { en: '{label} must be text of at most 2000 characters', de: '{label} muss ein Text mit höchstens 2000 Zeichen sein' },
  notNumber: { en: '{label} must be a number', de: '{label} muss eine Zahl sein' },
  notBoolean: { en: '{label} must be true or false', de: '{label} muss true oder false sein' },
  notDate: { en: '{label} must be a date like "2026-11-22"', de: '{label} muss ein Datum wie "2026-11-22" sein' },
  notAnOption: { en: '{label} must be one of {options}', de: '{label} muss eine dieser Optionen sein: {options}' },
  notOptions: {
    en: '{label} must be a list of distinct options among {options}',
    de: '{label} muss eine Liste verschiedener Optionen aus {options} sein',
  },
  notUrl: { en: '{label} must be an http(s) URL', de: '{label} muss eine http(s)-URL sein' },
  notEmail: { en: '{label} must be an e-mail address', de: '{label} muss eine E-Mail-Adresse sein' },
  required: { en: '{label} is required', de: '{label} ist erforderlich' },
  unknownField: { en: 'No custom field “{key}” is defined for contacts', de: 'Für Kontakte ist kein benutzerdefiniertes Feld „{key}“ definiert' },
  listOperator: {
    en: '{label} holds a list of options: use hasAny, hasAll or isNull, not {operator}',
    de: '{label} enthält eine Liste von Optionen: Verwenden Sie hasAny, hasAll oder isNull, nicht {operator}',
  },
  unordered: {
    en: '{label} ({type}) has no order: use eq, neq, in or isNull',
    de: '{label} ({type}) hat keine Reihenfolge: Verwenden Sie eq, neq, in oder isNull',
  },
  multiSelectOperator: {
    en: '{operator} applies to MULTI_SELECT fields; {label} is {type}',
    de: '{operator} gilt für MULTI_SELECT-Felder; {label} ist {type}',
  },
  containsOperator: {
    en: 'contains applies to TEXT, URL and EMAIL fields; {label} is {type}',
    de: 'contains gilt für TEXT-, URL- und EMAIL-Felder; {label} ist {type}',
  },
  unknownOperator: { en: 'Unknown custom field operator {operator}', de: 'Unbekannter Operator für benutzerdefinierte Felder: {operator}' },
  tooManyValues: {
    en: 'A custom field condition takes at most {max} values',
    de: 'Eine Bedingung für ein benutzerdefiniertes Feld nimmt höchstens {max} Werte',
  },
});
