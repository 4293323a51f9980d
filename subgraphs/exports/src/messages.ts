import { defineMessages } from '@cellgraph/kernel';

/** The messages of exports' errors answered to users (userErrors, DataExport.error), in every language. */
export const exportsErrorTexts = defineMessages('exports.errors', {
  notFound: { en: 'No data export with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Datenexport mit dieser ID' },
  nameTooLong: { en: 'Name must be at most 200 characters', de: 'Der Name darf höchstens 200 Zeichen lang sein' },
  queryRequired: { en: 'A query is required', de: 'Eine Abfrage ist erforderlich' },
  queryTooLong: { en: 'The query must be at most 20,000 characters', de: 'Die Abfrage darf höchstens 20.000 Zeichen lang sein' },
  querySyntax: { en: 'The query is not valid GraphQL: {detail}', de: 'Die Abfrage ist kein gültiges GraphQL: {detail}' },
  queryOneOperation: {
    en: 'The query must hold exactly one operation, a query (fragments may accompany it)',
    de: 'Die Abfrage muss genau eine Operation enthalten, eine Query (Fragmente dürfen sie begleiten)',
  },
  queryOneConnection: {
    en: 'The query must select exactly one root field: a connection, selecting fields of its nodes or edges.node',
    de: 'Die Abfrage muss genau ein Wurzelfeld auswählen: eine Connection, mit Feldern ihrer nodes oder edges.node',
  },
  queryPagination: {
    en: 'Leave out first, after, last and before: the export pages through the whole list itself',
    de: 'Lassen Sie first, after, last und before weg: Der Export blättert selbst durch die ganze Liste',
  },
  queryNoColumns: { en: 'Select at least one field of the nodes', de: 'Wählen Sie mindestens ein Feld der Knoten aus' },
  queryReservedVariable: {
    en: 'Variables starting with exportPage are reserved for the export',
    de: 'Variablen, die mit exportPage beginnen, sind dem Export vorbehalten',
  },
  variablesInvalid: { en: 'Variables must be a JSON object', de: 'Die Variablen müssen ein JSON-Objekt sein' },
  graphUnavailable: {
    en: 'Exports cannot be started right now (the graph did not answer): try again shortly',
    de: 'Exporte können gerade nicht gestartet werden (der Graph hat nicht geantwortet): Versuchen Sie es gleich noch einmal',
  },
  notCancelable: { en: 'Only a queued or running export can be canceled', de: 'Nur ein wartender oder laufender Export kann abgebrochen werden' },
});

/** What DataExport.error says, by its code. */
export const exportFailureTexts = defineMessages('exports.failures', {
  EXPORT_QUERY_REJECTED: {
    en: 'The graph refused the export’s query: {detail}',
    de: 'Der Graph hat die Abfrage des Exports abgelehnt: {detail}',
  },
  EXPORT_NOT_A_CONNECTION: {
    en: 'The root field did not answer a connection (nodes or edges with pageInfo)',
    de: 'Das Wurzelfeld hat keine Connection geliefert (nodes oder edges mit pageInfo)',
  },
  EXPORT_FILE_REFUSED: { en: 'The files module refused the export’s file: {detail}', de: 'Das Dateimodul hat die Datei des Exports abgelehnt: {detail}' },
  EXPORT_UNAVAILABLE: {
    en: 'The export could not be completed (the graph or the file store did not answer): {detail}',
    de: 'Der Export konnte nicht abgeschlossen werden (der Graph oder der Dateispeicher hat nicht geantwortet): {detail}',
  },
  EXPORT_FAILED: { en: 'The export failed: {detail}', de: 'Der Export ist fehlgeschlagen: {detail}' },
});
