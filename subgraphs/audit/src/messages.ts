import { defineMessages } from '@cellgraph/kernel';

/** The messages of audit's errors answered to users (userErrors), in every language. */
export const auditErrorTexts = defineMessages('audit.errors', {
  auditEntryNotFound: { en: 'No audit entry with this id exists in your organization', de: 'In Ihrer Organisation gibt es keinen Audit-Eintrag mit dieser ID' },
  exportTooLarge: {
    en: 'An export holds at most {max} entries: narrow the filter (e.g. by occurredAt)',
    de: 'Ein Export umfasst höchstens {max} Einträge: Schränken Sie den Filter ein (z. B. nach occurredAt)',
  },
});
