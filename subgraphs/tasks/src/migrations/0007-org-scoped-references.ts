import { orgScopedReferencesSql, type Migration } from '@cellgraph/kernel';

/** References between tasks's tables are keyed by (org_id, id): the database refuses another organization's id. */
export const orgScopedReferences: Migration = { id: '0007-org-scoped-references', sql: orgScopedReferencesSql('tasks') };
