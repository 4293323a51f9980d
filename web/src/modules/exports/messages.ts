import { defineMessages } from '../../app/i18n';

export const m = defineMessages('web.exports', {
  export: { en: 'Export', de: 'Exportieren' },
  exportList: { en: 'Export {name}', de: '{name} exportieren' },
  exportHint: {
    en: 'Every row of the list with its filters and order, not only this page. You get a download link when it is done.',
    de: 'Alle Zeilen der Liste mit ihren Filtern und ihrer Sortierung, nicht nur diese Seite. Wenn er fertig ist, erhalten Sie einen Download-Link.',
  },
  format: { en: 'Format', de: 'Format' },
  formatCsv: { en: 'CSV (comma-separated values)', de: 'CSV (kommagetrennte Werte)' },
  formatXlsx: { en: 'Excel workbook (XLSX)', de: 'Excel-Arbeitsmappe (XLSX)' },
  formatJson: { en: 'JSON', de: 'JSON' },
  start: { en: 'Start export', de: 'Export starten' },
  cancel: { en: 'Cancel export', de: 'Export abbrechen' },
  queued: { en: 'Waiting to start…', de: 'Wartet auf den Start…' },
  running: { en: '{rows, plural, one {# row} other {# rows}} exported so far…', de: 'Bisher {rows, plural, one {# Zeile} other {# Zeilen}} exportiert…' },
  succeeded: { en: 'Done: {rows, plural, one {# row} other {# rows}} exported.', de: 'Fertig: {rows, plural, one {# Zeile} other {# Zeilen}} exportiert.' },
  download: { en: 'Download {name}', de: '{name} herunterladen' },
  linkValid: { en: 'The link works for an hour.', de: 'Der Link ist eine Stunde lang gültig.' },
  failed: { en: 'The export failed: {message}', de: 'Der Export ist fehlgeschlagen: {message}' },
  canceled: { en: 'The export was canceled.', de: 'Der Export wurde abgebrochen.' },
  progress: { en: 'Export progress', de: 'Exportfortschritt' },
});
