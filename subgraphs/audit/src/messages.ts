import { defineMessages } from '@cellgraph/kernel';

/** The messages of audit's errors answered to users (userErrors), in every language. */
export const auditErrorTexts = defineMessages('audit.errors', {
  auditEntryNotFound: { en: 'No audit entry with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Audit-Eintrag mit dieser ID' },
  exportTooLarge: {
    en: 'An export holds at most {max} entries: narrow the filter (e.g. by occurredAt)',
    de: 'Ein Export umfasst höchstens {max} Einträge: Schränken Sie den Filter ein (z. B. nach occurredAt)',
  },
  targetNotGlobalId: { en: 'target must be a global id', de: 'target muss eine globale ID sein' },
  retentionMin: { en: 'Keep entries at least 30 days', de: 'Bewahren Sie Einträge mindestens 30 Tage auf' },
  retentionMax: { en: 'At most 36500 days (100 years)', de: 'Höchstens 36500 Tage (100 Jahre)' },
});

/** Descriptions of its scheduled jobs (the cell's job registry). */
export const auditJobMessages = defineMessages('audit.jobs', {
  retention: {
    en: 'Removes audit entries older than each organization’s retention period',
    de: 'Entfernt Audit-Einträge, die älter als die Aufbewahrungsfrist der Organisation sind',
  },
});
