import { defineMessages } from '../app/i18n';

export const m = defineMessages('web.ui', {
  loading: { en: 'Loading…', de: 'Wird geladen…' },
  tryAgain: { en: 'Try again', de: 'Erneut versuchen' },
  close: { en: 'Close', de: 'Schließen' },
  nothingHereYet: { en: 'Nothing here yet', de: 'Noch nichts vorhanden' },
  tablePages: { en: '{label} pages', de: '{label} – Seiten' },
  inAll: { en: '{count} in all', de: '{count} insgesamt' },
  previous: { en: 'Previous', de: 'Zurück' },
  next: { en: 'Next', de: 'Weiter' },
  showFigures: { en: 'Show the figures', de: 'Zahlen anzeigen' },
  hideFigures: { en: 'Hide the figures', de: 'Zahlen ausblenden' },
});
