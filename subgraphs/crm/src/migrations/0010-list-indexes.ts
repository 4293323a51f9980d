import type { Migration } from '@cellgraph/kernel';

/**
 * A contact's deals are paged newest first (ending in `id`, the keyset tie-breaker): the index
 * carries the ordering, so each contact's page is one range scan. Replaces the index it extends.
 * Idempotent (IF [NOT] EXISTS).
 */
export const listIndexes: Migration = {
  id: '0010-list-indexes',
  sql: `
CREATE INDEX IF NOT EXISTS deals_contact_created_idx ON crm.deals (org_id, contact_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
DROP INDEX IF EXISTS crm.deals_contact_idx;
`,
};
