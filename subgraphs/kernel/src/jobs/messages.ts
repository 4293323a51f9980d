import { defineMessages } from '../i18n/messages.js';

/** The kernel's scheduled jobs (their descriptions in the registry) and the operators' alert e-mail. */
export const jobMessages = defineMessages('kernel.jobs', {
  trashSweep: {
    en: 'Purges what has been in the trash for more than 30 days',
    de: 'Löscht endgültig, was seit mehr als 30 Tagen im Papierkorb liegt',
  },
  inboxPrune: {
    en: 'Forgets handled events older than the replay window (event inbox)',
    de: 'Vergisst verarbeitete Ereignisse, die älter als das Wiederholungsfenster sind (Ereignis-Eingang)',
  },
  alertSubject: {
    en: 'Scheduled job {subgraph}/{job} failed {failures, plural, one {# time} other {# times}} in a row',
    de: 'Geplanter Job {subgraph}/{job} ist {failures, plural, one {# Mal} other {# Mal}} in Folge fehlgeschlagen',
  },
  alertText: {
    en: 'The scheduled job {job} of {subgraph} ({cell}) failed {failures, plural, one {# time} other {# times}} in a row.\n\nLast error ({at}): {error}\n\nIts history, enabling and disabling it, and running it now: the Jobs page (platform administrators) or `npm run jobs`. This is sent once per series of failures; the next alert comes after it succeeded again.',
    de: 'Der geplante Job {job} von {subgraph} ({cell}) ist {failures, plural, one {# Mal} other {# Mal}} in Folge fehlgeschlagen.\n\nLetzter Fehler ({at}): {error}\n\nSeinen Verlauf, Ein- und Ausschalten und sofortiges Ausführen: die Seite „Jobs“ (Plattform-Administratoren) oder `npm run jobs`. Diese Nachricht kommt einmal pro Fehlerserie; die nächste erst, nachdem er wieder erfolgreich lief.',
  },
});
