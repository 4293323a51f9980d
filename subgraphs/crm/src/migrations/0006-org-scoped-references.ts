import { orgScopedReferencesSql, type Migration } from '@cellgraph/kernel';

/** References between crm's tables are keyed by (org_id, id): the database refuses another organization's id. */
export const orgScopedReferences: Migration = { id: '0006-org-scoped-references', sql: orgScopedReferencesSql('crm') };
