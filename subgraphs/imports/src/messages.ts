import { defineMessages } from '@cellgraph/kernel';

/** The messages of imports's errors answered to users (userErrors and row errors), in every language. */
export const importErrorTexts = defineMessages('imports.errors', {
  notFound: { en: 'No data import with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Datenimport mit dieser ID' },
  unknownType: {
    en: 'Nothing of the type {type} can be imported in this cell',
    de: 'Der Typ {type} kann in dieser Umgebung nicht importiert werden',
  },
  fileNotFound: { en: 'No file with this id that you may read', de: 'Keine Datei mit dieser ID, die Sie lesen dürfen' },
  unsupportedFile: { en: 'Only CSV and XLSX files can be imported', de: 'Nur CSV- und XLSX-Dateien können importiert werden' },
  fileTooLarge: { en: 'The file is larger than {max} MB', de: 'Die Datei ist größer als {max} MB' },
  unreadableFile: { en: 'The file cannot be read as {format}', de: 'Die Datei kann nicht als {format} gelesen werden' },
  emptyFile: { en: 'The file has no rows', de: 'Die Datei enthält keine Zeilen' },
  tooManyRows: { en: 'A file can hold at most {max} rows', de: 'Eine Datei darf höchstens {max} Zeilen enthalten' },
  unknownColumn: { en: 'The file has no column “{column}”', de: 'Die Datei hat keine Spalte „{column}“' },
  unknownField: { en: 'A {type} has no field “{field}”', de: '{type} hat kein Feld „{field}“' },
  fieldMappedTwice: { en: 'The field “{field}” is mapped to more than one column', de: 'Das Feld „{field}“ ist mehr als einer Spalte zugeordnet' },
  requiredFieldUnmapped: { en: 'Map a column to the required field “{field}”', de: 'Ordnen Sie dem Pflichtfeld „{field}“ eine Spalte zu' },
  invalidTransition: { en: 'A data import that is {status} cannot do this', de: 'Ein Datenimport im Status {status} kann das nicht' },
  notMapped: { en: 'Map the columns first', de: 'Ordnen Sie zuerst die Spalten zu' },
  graphUnavailable: {
    en: 'The import could not reach {what}; try again shortly',
    de: 'Der Import konnte {what} nicht erreichen; versuchen Sie es gleich noch einmal',
  },
  // Row errors (the preview and the report).
  valueRequired: { en: '{field} is required', de: '{field} ist erforderlich' },
  invalidEmail: { en: '“{value}” is not an e-mail address', de: '„{value}“ ist keine E-Mail-Adresse' },
  invalidNumber: { en: '“{value}” is not a number', de: '„{value}“ ist keine Zahl' },
  invalidInteger: { en: '“{value}” is not a whole number', de: '„{value}“ ist keine ganze Zahl' },
  invalidDecimal: { en: '“{value}” is not an amount', de: '„{value}“ ist kein Betrag' },
  invalidDate: { en: '“{value}” is not a date (YYYY-MM-DD)', de: '„{value}“ ist kein Datum (JJJJ-MM-TT)' },
  invalidDateTime: { en: '“{value}” is not a date and time', de: '„{value}“ ist kein Zeitpunkt' },
  invalidEnum: { en: '“{value}” is not one of {values}', de: '„{value}“ ist keiner der Werte {values}' },
  invalidBoolean: { en: '“{value}” is not yes or no', de: '„{value}“ ist weder ja noch nein' },
  denied: { en: 'You may not create this', de: 'Sie dürfen dies nicht anlegen' },
  rowRefused: { en: 'The row was refused ({code})', de: 'Die Zeile wurde abgelehnt ({code})' },
  sessionExpired: {
    en: 'The import stopped: the permission it acted with expired; start a new import for the remaining rows',
    de: 'Der Import wurde angehalten: die Berechtigung, mit der er arbeitete, ist abgelaufen; starten Sie für die übrigen Zeilen einen neuen Import',
  },
});

/** The columns of the report of skipped and failed rows. */
export const importReportTexts = defineMessages('imports.report', {
  row: { en: 'Row', de: 'Zeile' },
  outcome: { en: 'Outcome', de: 'Ergebnis' },
  errors: { en: 'Errors', de: 'Fehler' },
  skipped: { en: 'skipped', de: 'übersprungen' },
  failed: { en: 'failed', de: 'fehlgeschlagen' },
});
