import { defineMessages } from '../../app/i18n';

export const m = defineMessages('web.audit', {
  auditLog: { en: 'Audit log', de: 'Audit-Protokoll' },
  subtitle: {
    en: 'Sign-ins, credentials, members, permissions, deletions and exports in your organization.',
    de: 'Anmeldungen, Zugangsdaten, Mitglieder, Berechtigungen, Löschungen und Exporte in Ihrer Organisation.',
  },
  chainIntact: {
    en: 'Chain intact ({count, plural, one {# entry} other {# entries}}).',
    de: 'Kette intakt ({count, plural, one {# Eintrag} other {# Einträge}}).',
  },
  chainBroken: { en: 'Chain broken at entry {seq} ({reason}).', de: 'Kette unterbrochen bei Eintrag {seq} ({reason}).' },
  filterLog: { en: 'Filter the audit log', de: 'Audit-Protokoll filtern' },
  actionStartsWith: { en: 'Action starts with', de: 'Aktion beginnt mit' },
  from: { en: 'From', de: 'Von' },
  to: { en: 'To', de: 'Bis' },
  filter: { en: 'Filter', de: 'Filtern' },
  noEntries: { en: 'No entries', de: 'Keine Einträge' },
  when: { en: 'When', de: 'Wann' },
  action: { en: 'Action', de: 'Aktion' },
  actor: { en: 'Actor', de: 'Akteur' },
  origin: { en: 'From', de: 'Herkunft' },
  target: { en: 'Target', de: 'Ziel' },
  change: { en: 'Change', de: 'Änderung' },
  byKey: { en: ' (key {name})', de: ' (Schlüssel {name})' },
  entries: { en: '{count, plural, one {# entry} other {# entries}}', de: '{count, plural, one {# Eintrag} other {# Einträge}}' },
  newer: { en: 'Newer', de: 'Neuere' },
  older: { en: 'Older', de: 'Ältere' },
});
